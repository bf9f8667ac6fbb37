{#- Daily open interest per venue in USD: Binance reports the USD value; Bybit only coin, valued
    at the spot open of the day (its OI is stamped 00:00 UTC, when the day opens). -#}
-- Incremental: every row is one day's, so the window's days are read and rewritten.
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with binance as (
    select * from {{ ref('stg_binance__open_interest') }}
    where {{ crw_reads_since('date', 0) }}
),

bybit as (
    select * from {{ ref('stg_bybit__open_interest') }}
    where {{ crw_reads_since('date', 0) }}
),

spot as (
    select
        asset,
        date,
        open
    from {{ ref('stg_binance__spot_klines') }}
    where {{ crw_reads_since('date', 0) }}
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
where {{ crw_keeps_window('date') }}
