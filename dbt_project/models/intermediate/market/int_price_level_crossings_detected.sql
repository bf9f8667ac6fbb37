-- Each close that crosses a level of seeds/price_levels.csv: a daily_close level against the
-- daily closes, a weekly_close level against the completed weeks' closes. A close is above a
-- level when close >= level; a crossing is the previous close and this one on different sides.
-- Incremental: the crossings dated in the window, reading closes from 400 days before it (the
-- previous daily or weekly close).
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with levels as (
    select * from {{ ref('price_levels') }}
),

daily_prices as (
    select * from {{ ref('int_asset_prices_enriched') }}
    where {{ crw_reads_since('date', 400) }}
),

weeks as (
    select * from {{ ref('int_asset_weeks_closed') }}
    where {{ crw_reads_since('week_end', 400) }}
),

closes as (
    select
        'daily_close' as kind,
        asset,
        date,
        close,
        lag(close) over (partition by asset order by date) as previous_close
    from daily_prices
    union all
    select
        'weekly_close' as kind,
        asset,
        week_end as date,
        close,
        lag(close) over (partition by asset order by week_start) as previous_close
    from weeks
),

crossings as (
    select
        closes.date,
        closes.asset,
        closes.kind,
        levels.level,
        levels.label,
        closes.close,
        closes.previous_close,
        case when closes.close >= levels.level then 'up' else 'down' end as direction
    from closes
    inner join levels
        on
            closes.asset = levels.asset
            and closes.kind = levels.kind
    where
        (closes.previous_close < levels.level and closes.close >= levels.level)
        or (closes.previous_close >= levels.level and closes.close < levels.level)
),

final as (
    select * from crossings
)

select * from final
where {{ crw_keeps_window('date') }}
