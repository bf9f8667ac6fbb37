-- 50-week SMA: a week ends on Sunday (UTC) and closes at that Sunday's daily close; on a given
-- date only weeks ending on or before it count, and 50 completed weeks are required.
-- Incremental: reads 700 days before the window (50 Sundays are 350 days; twice that leaves
-- room for missing Sundays).
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with prices as (
    select
        asset,
        date,
        close
    from {{ ref('stg_binance__spot_klines') }}
    where {{ crw_reads_since('date', 700) }}
),

weekly_closes as (
    select
        asset,
        date as week_end_date,
        close as week_close
    from prices
    where {{ crw_iso_day_of_week('date') }} = 7
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
    {{ crw_asof_join(
        'left', 'weekly_sma', 'prices.date', 'week_end_date', keys=[('prices.asset', 'asset')]
    ) }}
)

select * from final
where {{ crw_keeps_window('date') }}
