with source as (
    select * from raw_alternative_me.fear_greed
),

renamed as (
    select
        date,
        cast(value as integer) as fear_greed_value,
        classification as fear_greed_classification,
        _loaded_at
    from source
),

final as (
    select * from renamed
)

select * from final