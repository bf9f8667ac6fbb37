{#- Front-quarter basis per asset and day: among the quarterly delivery contracts with a closed
    candle that day, the nearest with at least 7 days to expiry (days_to_expiry = delivery date -
    date). So the front rolls from the current to the next quarter 7 days before delivery.
    basis = (futures_close / spot_close - 1) * 365 / days_to_expiry. -#}
-- Incremental: every row is one day's, so the window's days are read and rewritten.
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with futures as (
    select * from {{ ref('stg_binance__futures_klines') }}
    where {{ crw_reads_since('date', 0) }}
),

spot as (
    select
        asset,
        date,
        close
    from {{ ref('stg_binance__spot_klines') }}
    where {{ crw_reads_since('date', 0) }}
),

candidates as (
    select
        futures.asset,
        futures.date,
        futures.symbol,
        futures.delivery_date,
        futures.close as futures_close,
        {{ crw_datediff('day', 'futures.date', 'futures.delivery_date') }} as days_to_expiry
    from futures
    where {{ crw_datediff('day', 'futures.date', 'futures.delivery_date') }} >= 7
),

front_quarter as (
    select *
    from candidates
    qualify row_number() over (partition by asset, date order by days_to_expiry) = 1
),

with_spot as (
    select
        front_quarter.asset,
        front_quarter.date,
        front_quarter.symbol as front_quarter_symbol,
        front_quarter.delivery_date as front_quarter_delivery_date,
        front_quarter.days_to_expiry as front_quarter_days_to_expiry,
        front_quarter.futures_close,
        spot.close as spot_close,
        (front_quarter.futures_close / spot.close - 1) * 365e0 / front_quarter.days_to_expiry
            as basis_annualized_front_quarter
    from front_quarter
    inner join spot on front_quarter.asset = spot.asset and front_quarter.date = spot.date
),

final as (
    select * from with_spot
)

select * from final
where {{ crw_keeps_window('date') }}
