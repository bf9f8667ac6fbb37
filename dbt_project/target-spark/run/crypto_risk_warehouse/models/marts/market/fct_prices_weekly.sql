
  
    
        create table marts.fct_prices_weekly
      
      
      
      
      
      
      
      

      as
      -- Incremental (README "Incremental transform"): the weeks int_asset_weeks_closed recomputed.


with weeks as (
    select * from intermediate.int_asset_weeks_closed
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
  