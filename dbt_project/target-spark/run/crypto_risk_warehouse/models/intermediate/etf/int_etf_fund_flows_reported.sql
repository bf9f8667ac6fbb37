
  
    
        create table intermediate.int_etf_fund_flows_reported
      
      
      
      
      
      
      
      

      as
      -- Incremental: every row is one fund-day's, so the window's days are read and rewritten.


with fund_days as (
    select * from staging.stg_farside__etf_flows
    where true
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
where true
  