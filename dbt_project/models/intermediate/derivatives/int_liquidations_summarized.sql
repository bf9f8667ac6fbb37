{#- Liquidations per asset and day with the long share: long / (long + short), null when both are
    0 (no liquidations is not "0% longs"). -#}
with liquidations as (
    select * from {{ ref('stg_coinglass__liquidations') }}
),

summarized as (
    select
        asset,
        date,
        long_liquidation_usd,
        short_liquidation_usd,
        long_liquidation_usd + short_liquidation_usd as total_liquidation_usd,
        case
            when long_liquidation_usd + short_liquidation_usd > 0
                then long_liquidation_usd / (long_liquidation_usd + short_liquidation_usd)
        end as long_liquidation_share
    from liquidations
),

final as (
    select * from summarized
)

select * from final
