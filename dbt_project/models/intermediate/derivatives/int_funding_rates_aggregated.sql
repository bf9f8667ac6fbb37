{#- Daily funding per venue and symbol: the sum of every print whose (hour-rounded) time falls in
    the UTC day, annualized x 365. Summing prints is right for 8h (3 prints) and 4h (6 prints)
    symbols alike; no fixed "x 3" anywhere. -#}
-- Incremental: every row is one day's, so the window's days are read and rewritten.
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with binance as (
    select * from {{ ref('stg_binance__funding_rates') }}
    where {{ crw_reads_since('date', 0) }}
),

bybit as (
    select * from {{ ref('stg_bybit__funding_rates') }}
    where {{ crw_reads_since('date', 0) }}
),

prints as (
    select
        venue,
        symbol,
        asset,
        date,
        funding_rate,
        funding_interval_hours
    from binance
    union all
    select
        venue,
        symbol,
        asset,
        date,
        funding_rate,
        funding_interval_hours
    from bybit
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
    from prints
    group by venue, symbol, asset, date
),

final as (
    select * from daily
)

select * from final
where {{ crw_keeps_window('date') }}
