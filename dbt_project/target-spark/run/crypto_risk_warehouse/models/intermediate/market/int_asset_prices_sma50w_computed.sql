
  
    
        create table intermediate.int_asset_prices_sma50w_computed
      
      
      
      
      
      
      
      

      as
      -- 50-week SMA: a week ends on Sunday (UTC) and closes at that Sunday's daily close; on a given
-- date only weeks ending on or before it count, and 50 completed weeks are required.
-- Incremental: reads 700 days before the window (50 Sundays are 350 days; twice that leaves
-- room for missing Sundays).


with prices as (
    select
        asset,
        date,
        close
    from staging.stg_binance__spot_klines
    where true
),

weekly_closes as (
    select
        asset,
        date as week_end_date,
        close as week_close
    from prices
    where extract(dayofweek_iso from date) = 7
),

weekly_sma as (
    select
        asset,
        week_end_date,
        case
            when count(*) over last_50_weeks = 50 then avg(week_close) over last_50_weeks
        end as sma_50w
    from weekly_closes
    window
        last_50_weeks as (
            partition by asset order by week_end_date rows between 49 preceding and current row
        )
),

final as (
    select
        prices.asset,
        prices.date,
        weekly_sma.sma_50w,
        weekly_sma.week_end_date as sma_50w_last_week_end
    from prices
    left join (
        select
            *,
            lead(week_end_date) over (
                partition by asset
                order by week_end_date
            ) as crw_asof_valid_to
        from weekly_sma
    ) as weekly_sma
        on
            prices.asset = weekly_sma.asset and
            prices.date >= weekly_sma.week_end_date
            and (weekly_sma.crw_asof_valid_to is null or prices.date < weekly_sma.crw_asof_valid_to)
)

select * from final
where true
  