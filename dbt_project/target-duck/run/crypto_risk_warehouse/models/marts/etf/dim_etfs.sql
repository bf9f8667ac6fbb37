
    
      
    

    create  table
      "warehouse"."marts"."dim_etfs__dbt_tmp"
  
  (
    ticker varchar not null,
    issuer varchar,
    asset varchar not null,
    first_flow_date date
    
    )
 ;
    
    
    insert into "warehouse"."marts"."dim_etfs__dbt_tmp" 
  (
    
      
      
      ticker ,
    
      
      
      issuer ,
    
      
      
      asset ,
    
      
      
      first_flow_date 
    
  )
 (
      
    select ticker, issuer, asset, first_flow_date
    from (
        with funds as (
    select * from "warehouse"."intermediate"."int_etfs_listed"
),

final as (
    select
        ticker,
        issuer,
        asset,
        first_flow_date
    from funds
)

select * from final
    ) as model_subq
    );
  