{#- Without CRW_COINGLASS_API_KEY the raw asset is skipped and, on a fresh warehouse, the raw
    table does not exist: yield a typed empty result so everything downstream still builds. -#}
{%- set raw_relation = load_relation(source('coinglass', 'liquidations')) if execute else none -%}

{% if raw_relation is not none or not execute %}
with source as (
    select * from {{ source('coinglass', 'liquidations') }}
),

deduplicated as (
    select *
    from source
    qualify row_number() over (partition by symbol, date order by _loaded_at desc) = 1
),

renamed as (
    select
        symbol as asset,
        date,
        cast(long_liquidation_usd as double) as long_liquidation_usd,
        cast(short_liquidation_usd as double) as short_liquidation_usd,
        _loaded_at
    from deduplicated
),
{% else %}
with renamed as (
    select
        cast(null as string) as asset,
        cast(null as date) as date,
        cast(null as double) as long_liquidation_usd,
        cast(null as double) as short_liquidation_usd,
        cast(null as timestamptz) as _loaded_at
    where false
),
{% endif %}

final as (
    select * from renamed
)

select * from final
