with fund_flows as (
    select * from {{ ref('int_etf_fund_flows_reported') }}
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
