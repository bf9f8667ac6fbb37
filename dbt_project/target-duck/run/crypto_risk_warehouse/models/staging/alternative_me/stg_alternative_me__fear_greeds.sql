
  
  create view "warehouse"."staging"."stg_alternative_me__fear_greeds__dbt_tmp" as (
    with source as (
    select * from "warehouse"."raw_alternative_me"."fear_greed"
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
  );
