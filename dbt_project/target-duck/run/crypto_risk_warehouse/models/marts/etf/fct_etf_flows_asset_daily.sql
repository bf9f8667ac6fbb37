
    
      
    

    create  table
      "warehouse"."marts"."fct_etf_flows_asset_daily__dbt_tmp"
  
  (
    date date not null,
    asset varchar not null,
    net_flow_usd decimal(38,2) not null,
    flow_5d_usd decimal(38,2),
    cumulative_flow_usd decimal(38,2) not null,
    outflow_streak_days integer not null,
    inflow_streak_days integer not null,
    largest_outflow_ticker varchar,
    largest_outflow_usd decimal(38,2),
    funds_reported integer not null,
    site_total_usd decimal(38,2),
    site_total_diff_usd decimal(38,2)
    
    )
 ;
    
    
    insert into "warehouse"."marts"."fct_etf_flows_asset_daily__dbt_tmp" 
  (
    
      
      
      date ,
    
      
      
      asset ,
    
      
      
      net_flow_usd ,
    
      
      
      flow_5d_usd ,
    
      
      
      cumulative_flow_usd ,
    
      
      
      outflow_streak_days ,
    
      
      
      inflow_streak_days ,
    
      
      
      largest_outflow_ticker ,
    
      
      
      largest_outflow_usd ,
    
      
      
      funds_reported ,
    
      
      
      site_total_usd ,
    
      
      
      site_total_diff_usd 
    
  )
 (
      
    select date, asset, net_flow_usd, flow_5d_usd, cumulative_flow_usd, outflow_streak_days, inflow_streak_days, largest_outflow_ticker, largest_outflow_usd, funds_reported, site_total_usd, site_total_diff_usd
    from (
        -- Incremental (README "Incremental transform"): the window's days of the model it reads.


with asset_days as (
    select * from "warehouse"."intermediate"."int_etf_flows_asset_aggregated"
    where true
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
    ) as model_subq
    );
  
  