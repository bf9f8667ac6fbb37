-- Incremental (README "Incremental transform"): the window's days of the model it reads.
{{
    config(
        materialized=crw_incremental(),
        incremental_strategy='crw_window',
        on_schema_change='fail',
    )
}}

with asset_days as (
    select * from {{ ref('int_etf_flows_asset_aggregated') }}
    where {{ crw_keeps_window('date') }}
),

final as (
    select
        date,
        asset,
        net_flow_usd,
        flow_5d_usd,
        cumulative_flow_usd,
        outflow_streak_days,
        inflow_streak_days,
        largest_outflow_ticker,
        largest_outflow_usd,
        funds_reported,
        site_total_usd,
        site_total_diff_usd
    from asset_days
)

select * from final
