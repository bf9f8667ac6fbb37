{#- Liquidations per asset and day with the long share: long / (long + short), null when both are
    0 (no liquidations is not "0% longs"). -#}
-- Incremental: every row is one day's, so the window's days are read and rewritten.
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with liquidations as (
    select * from {{ ref('stg_coinglass__liquidations') }}
    where {{ crw_reads_since('date', 0) }}
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
where {{ crw_keeps_window('date') }}
