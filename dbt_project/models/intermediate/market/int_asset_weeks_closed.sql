-- Completed UTC weeks (Monday to Sunday) per asset from the daily candles: a week counts once
-- its Sunday is on or before the asset's last price day, so the current week never shows.
-- Incremental: the weeks that hold the window's days (week_start from from_date - 6), reading
-- the daily rows from the week before them (return_1w).
{{
    config(
        materialized=crw_incremental(),
        incremental_strategy='crw_window',
        crw_date_column='week_start',
        crw_window_offset_days=6,
    )
}}

with prices as (
    select * from {{ ref('int_asset_prices_enriched') }}
    where {{ crw_reads_since('date', 13) }}
),

last_days as (
    select
        asset,
        max(date) as last_price_date
    from prices
    group by asset
),

weeks as (
    select
        asset,
        -- DuckDB's week is the ISO week: it starts on Monday.
        cast(date_trunc('week', date) as date) as week_start,
        min_by(open, date) as open,
        max(high) as high,
        min(low) as low,
        max_by(close, date) as close,
        cast(count(*) as integer) as days_with_prices
    from prices
    group by asset, cast(date_trunc('week', date) as date)
),

completed as (
    select
        weeks.asset,
        weeks.week_start,
        cast(weeks.week_start + interval 6 day as date) as week_end,
        weeks.open,
        weeks.high,
        weeks.low,
        weeks.close,
        weeks.days_with_prices
    from weeks
    inner join last_days on weeks.asset = last_days.asset
    where weeks.week_start + interval 6 day <= last_days.last_price_date
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
        -- Against the week before only: after a week without prices the return is null.
        case
            when lag(week_start) over by_week = week_start - interval 7 day
                then close / lag(close) over by_week - 1
        end as return_1w,
        days_with_prices
    from completed
    window by_week as (partition by asset order by week_start)
)

select * from final
where {{ crw_keeps_window('week_start', 6) }}
