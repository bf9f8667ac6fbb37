-- Incremental: every row is one fund-day's, so the window's days are read and rewritten.
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with fund_days as (
    select * from {{ ref('stg_farside__etf_flows') }}
    where {{ crw_reads_since('date', 0) }}
),

reported as (
    select
        date,
        asset,
        ticker,
        issuer,
        flow_usd_m,
        net_flow_usd,
        site_total_usd
    from fund_days
    where is_reported
),

final as (
    select * from reported
)

select * from final
where {{ crw_keeps_window('date') }}
