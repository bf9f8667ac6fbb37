-- Incremental: every row is one day's, so the window's days are read and rewritten.


with binance as (
    select * from staging.stg_binance__open_interest
    where true
),

bybit as (
    select * from staging.stg_bybit__open_interest
    where true
),

spot as (
    select
        asset,
        date,
        open
    from staging.stg_binance__spot_klines
    where true
),

bybit_valued as (
    select
        bybit.venue,
        bybit.asset,
        bybit.date,
        bybit.open_interest_coin,
        bybit.open_interest_coin * spot.open as open_interest_usd
    from bybit
    left join spot on bybit.asset = spot.asset and bybit.date = spot.date
),

unioned as (
    select
        venue,
        asset,
        date,
        open_interest_coin,
        open_interest_usd
    from binance
    union all
    select
        venue,
        asset,
        date,
        open_interest_coin,
        open_interest_usd
    from bybit_valued
),

final as (
    select * from unioned
)

select * from final
where true