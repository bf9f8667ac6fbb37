
    
      
    

    create  table
      "warehouse"."marts"."fct_market_daily__dbt_tmp"
  
  (
    date date not null,
    total_market_cap_usd double,
    btc_dominance double,
    fear_greed_value integer,
    fear_greed_classification varchar,
    eth_btc_ratio double,
    eth_btc_change_1d double,
    ndx_close double,
    btc_ndx_corr_30d double,
    btc_ndx_corr_90d double,
    us_trading_date date
    
    )
 ;
    
    
    insert into "warehouse"."marts"."fct_market_daily__dbt_tmp" 
  (
    
      
      
      date ,
    
      
      
      total_market_cap_usd ,
    
      
      
      btc_dominance ,
    
      
      
      fear_greed_value ,
    
      
      
      fear_greed_classification ,
    
      
      
      eth_btc_ratio ,
    
      
      
      eth_btc_change_1d ,
    
      
      
      ndx_close ,
    
      
      
      btc_ndx_corr_30d ,
    
      
      
      btc_ndx_corr_90d ,
    
      
      
      us_trading_date 
    
  )
 (
      
    select date, total_market_cap_usd, btc_dominance, fear_greed_value, fear_greed_classification, eth_btc_ratio, eth_btc_change_1d, ndx_close, btc_ndx_corr_30d, btc_ndx_corr_90d, us_trading_date
    from (
        -- Incremental (README "Incremental transform"): the window's days of int_market_days_enriched.


with market_days as (
    select * from "warehouse"."intermediate"."int_market_days_enriched"
    where true
),

final as (
    select
        date,
        total_market_cap_usd,
        btc_dominance,
        fear_greed_value,
        fear_greed_classification,
        eth_btc_ratio,
        eth_btc_change_1d,
        ndx_close,
        btc_ndx_corr_30d,
        btc_ndx_corr_90d,
        us_trading_date
    from market_days
)

select * from final
    ) as model_subq
    );
  
  