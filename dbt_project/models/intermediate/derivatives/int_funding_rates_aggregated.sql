{#- Daily funding per venue and symbol: the sum of every print whose (hour-rounded) time falls in
    the UTC day, annualized x 365. Summing prints is right for 8h (3 prints) and 4h (6 prints)
    symbols alike; no fixed "x 3" anywhere. funding_interval_hours is the gap from a print to the
    symbol's previous print when that is at most 24 hours (8 or 4 on today's venues): a longer gap
    is missing prints, not an interval, and is null like the symbol's first print. Bounding it is
    what lets a day's build read two days of prints instead of every print since listing. -#}
-- Incremental: every row is one day's, so the window's days are read and rewritten; the two days
-- before the window are read for each symbol's previous print (at most 24 h earlier).
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with binance as (
    select * from {{ ref('stg_binance__funding_rates') }}
    where {{ crw_reads_since('date', 2) }}
),

bybit as (
    select * from {{ ref('stg_bybit__funding_rates') }}
    where {{ crw_reads_since('date', 2) }}
),

prints as (
    select
        venue,
        symbol,
        asset,
        date,
        funding_hour_at,
        funding_rate
    from binance
    union all
    select
        venue,
        symbol,
        asset,
        date,
        funding_hour_at,
        funding_rate
    from bybit
),

gaps as (
    select
        *,
        {{ crw_datediff(
            'hour',
            'lag(funding_hour_at) over (partition by venue, symbol order by funding_hour_at)',
            'funding_hour_at'
        ) }} as hours_since_previous_print
    from prints
),

intervals as (
    select
        venue,
        symbol,
        asset,
        date,
        funding_rate,
        cast(
            case when hours_since_previous_print <= 24 then hours_since_previous_print end
            as integer
        ) as funding_interval_hours
    from gaps
    where {{ crw_keeps_window('date') }}
),

daily as (
    select
        venue,
        symbol,
        asset,
        date,
        count(*) as funding_prints,
        max(funding_interval_hours) as funding_interval_hours,
        sum(funding_rate) as funding_rate_daily,
        max(abs(funding_rate)) as max_abs_funding_rate,
        sum(funding_rate) * 365 as funding_rate_annualized
    from intervals
    group by venue, symbol, asset, date
),

final as (
    select * from daily
)

select * from final
