
    
      
    

    create  table
      "warehouse"."marts"."fct_derivatives_daily__dbt_tmp"
  
  (
    date date not null,
    asset varchar not null,
    funding_rate_annualized double,
    open_interest_usd double,
    oi_change_1d double,
    basis_annualized_front_quarter double,
    front_quarter_days_to_expiry integer,
    liquidations_long_usd double,
    liquidations_short_usd double,
    long_liquidation_share double,
    dvol double,
    atm_iv_7d double,
    atm_iv_30d double,
    is_iv_backwardated boolean,
    put_call_volume_ratio double,
    call_volume_share double,
    funding_rate_annualized_binance double,
    funding_rate_annualized_bybit double,
    funding_venues bigint,
    open_interest_venues bigint,
    front_quarter_symbol varchar
    
    )
 ;
    
    
    insert into "warehouse"."marts"."fct_derivatives_daily__dbt_tmp" 
  (
    
      
      
      date ,
    
      
      
      asset ,
    
      
      
      funding_rate_annualized ,
    
      
      
      open_interest_usd ,
    
      
      
      oi_change_1d ,
    
      
      
      basis_annualized_front_quarter ,
    
      
      
      front_quarter_days_to_expiry ,
    
      
      
      liquidations_long_usd ,
    
      
      
      liquidations_short_usd ,
    
      
      
      long_liquidation_share ,
    
      
      
      dvol ,
    
      
      
      atm_iv_7d ,
    
      
      
      atm_iv_30d ,
    
      
      
      is_iv_backwardated ,
    
      
      
      put_call_volume_ratio ,
    
      
      
      call_volume_share ,
    
      
      
      funding_rate_annualized_binance ,
    
      
      
      funding_rate_annualized_bybit ,
    
      
      
      funding_venues ,
    
      
      
      open_interest_venues ,
    
      
      
      front_quarter_symbol 
    
  )
 (
      
    select date, asset, funding_rate_annualized, open_interest_usd, oi_change_1d, basis_annualized_front_quarter, front_quarter_days_to_expiry, liquidations_long_usd, liquidations_short_usd, long_liquidation_share, dvol, atm_iv_7d, atm_iv_30d, is_iv_backwardated, put_call_volume_ratio, call_volume_share, funding_rate_annualized_binance, funding_rate_annualized_bybit, funding_venues, open_interest_venues, front_quarter_symbol
    from (
        -- Incremental (README "Incremental transform"): the window's days of the enriched model.


with enriched as (
    select * from "warehouse"."intermediate"."int_derivatives_days_enriched"
    where true
),

final as (
    select
        date,
        asset,
        funding_rate_annualized,
        open_interest_usd,
        oi_change_1d,
        basis_annualized_front_quarter,
        cast(front_quarter_days_to_expiry as integer) as front_quarter_days_to_expiry,
        liquidations_long_usd,
        liquidations_short_usd,
        long_liquidation_share,
        dvol,
        atm_iv_7d,
        atm_iv_30d,
        is_iv_backwardated,
        put_call_volume_ratio,
        call_volume_share,
        funding_rate_annualized_binance,
        funding_rate_annualized_bybit,
        funding_venues,
        open_interest_venues,
        front_quarter_symbol
    from enriched
)

select * from final
    ) as model_subq
    );
  
  