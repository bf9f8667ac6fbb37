-- Incremental (README "Incremental transform"): the window's days of the model it reads.
{{
    config(
        materialized=crw_incremental(),
        incremental_strategy='crw_window',
        on_schema_change='fail',
    )
}}

with fund_flows as (
    select * from {{ ref('int_etf_fund_flows_reported') }}
    where {{ crw_keeps_window('date') }}
),

final as (
    select
        date,
        asset,
        ticker,
        net_flow_usd
    from fund_flows
)

select * from final
