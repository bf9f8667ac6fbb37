
    
      
    

    create  table
      "warehouse"."marts"."fct_prices_daily__dbt_tmp"
  
  (
    asset varchar not null,
    date date not null,
    open double,
    high double,
    low double,
    close double not null,
    volume_usd double,
    return_1d double,
    log_return_1d double,
    sma_20d double,
    sma_50d double,
    sma_200d double,
    sma_50w double,
    rsi_14 double,
    realized_vol_30d double,
    ath_high_to_date double,
    drawdown_from_ath double,
    distance_to_sma_50w double
    
    )
 ;
    
    
    insert into "warehouse"."marts"."fct_prices_daily__dbt_tmp" 
  (
    
      
      
      asset ,
    
      
      
      date ,
    
      
      
      open ,
    
      
      
      high ,
    
      
      
      low ,
    
      
      
      close ,
    
      
      
      volume_usd ,
    
      
      
      return_1d ,
    
      
      
      log_return_1d ,
    
      
      
      sma_20d ,
    
      
      
      sma_50d ,
    
      
      
      sma_200d ,
    
      
      
      sma_50w ,
    
      
      
      rsi_14 ,
    
      
      
      realized_vol_30d ,
    
      
      
      ath_high_to_date ,
    
      
      
      drawdown_from_ath ,
    
      
      
      distance_to_sma_50w 
    
  )
 (
      
    select asset, date, open, high, low, close, volume_usd, return_1d, log_return_1d, sma_20d, sma_50d, sma_200d, sma_50w, rsi_14, realized_vol_30d, ath_high_to_date, drawdown_from_ath, distance_to_sma_50w
    from (
        -- Incremental (README "Incremental transform"): the window's days of int_asset_prices_enriched.


with enriched as (
    select * from "warehouse"."intermediate"."int_asset_prices_enriched"
    where true
),

final as (
    select
        asset,
        date,
        open,
        high,
        low,
        close,
        volume_usd,
        return_1d,
        log_return_1d,
        sma_20d,
        sma_50d,
        sma_200d,
        sma_50w,
        rsi_14,
        realized_vol_30d,
        ath_high_to_date,
        drawdown_from_ath,
        distance_to_sma_50w
    from enriched
)

select * from final
    ) as model_subq
    );
  
  