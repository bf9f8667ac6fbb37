create or replace view staging.stg_bybit__funding_rates
  
  
  as
    with source as (
    select * from raw_bybit.funding_rates
),

deduplicated as (
    select *
    from source
    qualify row_number() over (partition by symbol, funding_hour_at order by _loaded_at desc) = 1
),

renamed as (
    select
        'bybit' as venue,
        symbol,
        replace(symbol, 'USDT', '') as asset,
        date,
        funding_at,
        funding_hour_at,
        cast(funding_rate as double) as funding_rate,
        cast(
            (floor(unix_timestamp(funding_hour_at) / 3600) - floor(unix_timestamp(lag(funding_hour_at) over (partition by symbol order by funding_hour_at)) / 3600)) as integer
        ) as funding_interval_hours,
        _loaded_at
    from deduplicated
),

final as (
    select * from renamed
)

select * from final
