-- Incremental (README "Incremental transform"): the window's days of the model it reads.


with fund_flows as (
    select * from intermediate.int_etf_fund_flows_reported
    where true
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