with fund_days as (
    select * from {{ ref('stg_farside__etf_flows') }}
),

issuers as (
    select * from {{ ref('etf_issuers') }}
),

funds as (
    select
        asset,
        ticker,
        max_by(issuer, date) as page_issuer,
        -- Farside shows 0.0 for a listed fund without flows (and, in the sample, before launch).
        min(case when is_reported and net_flow_usd <> 0 then date end) as first_flow_date
    from fund_days
    group by asset, ticker
),

described as (
    select
        funds.ticker,
        coalesce(issuers.issuer, funds.page_issuer) as issuer,
        funds.asset,
        funds.first_flow_date
    from funds
    left join issuers
        on
            funds.ticker = issuers.ticker
            and funds.asset = issuers.asset
),

final as (
    select * from described
)

select * from final
