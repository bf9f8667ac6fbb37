
    
      
    

    create  table
      "warehouse"."marts"."fct_etf_flows_daily__dbt_tmp"
  
  (
    date date not null,
    asset varchar not null,
    ticker varchar not null,
    net_flow_usd decimal(38,2) not null
    
    )
 ;
    
    
    insert into "warehouse"."marts"."fct_etf_flows_daily__dbt_tmp" 
  (
    
      
      
      date ,
    
      
      
      asset ,
    
      
      
      ticker ,
    
      
      
      net_flow_usd 
    
  )
 (
      
    select date, asset, ticker, net_flow_usd
    from (
        -- Incremental (README "Incremental transform"): the window's days of the model it reads.


with fund_flows as (
    select * from "warehouse"."intermediate"."int_etf_fund_flows_reported"
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
    ) as model_subq
    );
  
  