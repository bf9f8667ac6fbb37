
    
      
    

    create  table
      "warehouse"."marts"."fct_prices_weekly__dbt_tmp"
  
  (
    asset varchar not null,
    week_start date not null,
    week_end date not null,
    open double,
    high double,
    low double,
    close double not null,
    return_1w double,
    days_with_prices integer
    
    )
 ;
    
    
    insert into "warehouse"."marts"."fct_prices_weekly__dbt_tmp" 
  (
    
      
      
      asset ,
    
      
      
      week_start ,
    
      
      
      week_end ,
    
      
      
      open ,
    
      
      
      high ,
    
      
      
      low ,
    
      
      
      close ,
    
      
      
      return_1w ,
    
      
      
      days_with_prices 
    
  )
 (
      
    select asset, week_start, week_end, open, high, low, close, return_1w, days_with_prices
    from (
        -- Incremental (README "Incremental transform"): the weeks int_asset_weeks_closed recomputed.


with weeks as (
    select * from "warehouse"."intermediate"."int_asset_weeks_closed"
    where true
),

final as (
    select
        asset,
        week_start,
        week_end,
        open,
        high,
        low,
        close,
        return_1w,
        days_with_prices
    from weeks
)

select * from final
    ) as model_subq
    );
  
  