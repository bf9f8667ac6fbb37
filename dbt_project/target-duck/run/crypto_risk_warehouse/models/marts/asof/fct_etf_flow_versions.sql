
    
      
    

    create  table
      "warehouse"."marts"."fct_etf_flow_versions__dbt_tmp"
  
  (
    date date not null,
    asset varchar not null,
    ticker varchar not null,
    version_number integer not null,
    net_flow_usd decimal(38,2),
    valid_from timestamp with time zone not null,
    valid_to timestamp with time zone
    
    )
 ;
    
    
    insert into "warehouse"."marts"."fct_etf_flow_versions__dbt_tmp" 
  (
    
      
      
      date ,
    
      
      
      asset ,
    
      
      
      ticker ,
    
      
      
      version_number ,
    
      
      
      net_flow_usd ,
    
      
      
      valid_from ,
    
      
      
      valid_to 
    
  )
 (
      
    select date, asset, ticker, version_number, net_flow_usd, valid_from, valid_to
    from (
        with versions as (
    select * from "warehouse"."intermediate"."int_etf_flow_versions_ranged"
),

final as (
    select
        date,
        asset,
        ticker,
        version_number,
        net_flow_usd,
        valid_from,
        valid_to
    from versions
)

select * from final
    ) as model_subq
    );
  