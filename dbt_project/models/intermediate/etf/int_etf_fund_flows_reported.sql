with fund_days as (
    select * from {{ ref('stg_farside__etf_flows') }}
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
