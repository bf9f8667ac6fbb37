-- Incremental: every row is one day's, so the window's days are read and rewritten.


with binance as (
    select * from staging.stg_binance__funding_rates
    where true
),

bybit as (
    select * from staging.stg_bybit__funding_rates
    where true
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
where true