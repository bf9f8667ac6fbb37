{#- Per asset, day and option expiry of the daily Deribit snapshot: the ATM strike (nearest the
    expiry's underlying price; the lower strike on a tie), its ATM IV (mean mark_iv of the call and
    put at that strike, ignoring a null leg), total variance iv^2 * T, and the 24h volumes. -#}
-- Incremental: every row is one day's, so the window's days are read and rewritten.
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with options as (
    select * from {{ ref('stg_deribit__book_summaries') }}
    where
        instrument_type = 'option' and time_to_expiry_years > 0
        and {{ crw_reads_since('date', 0) }}
),

expiry_underlying as (
    select
        asset,
        date,
        expiry_date,
        min(time_to_expiry_years) as time_to_expiry_years,
        avg(underlying_price) as underlying_price
    from options
    group by asset, date, expiry_date
),

atm_strike as (
    select
        options.asset,
        options.date,
        options.expiry_date,
        options.strike as atm_strike
    from options
    inner join expiry_underlying using (asset, date, expiry_date)
    where options.mark_iv is not null
    qualify row_number() over (
        partition by options.asset, options.date, options.expiry_date
        order by abs(options.strike - expiry_underlying.underlying_price), options.strike
    ) = 1
),

atm_iv as (
    select
        options.asset,
        options.date,
        options.expiry_date,
        avg(options.mark_iv) as atm_iv
    from options
    inner join atm_strike
        on
            options.asset = atm_strike.asset
            and options.date = atm_strike.date
            and options.expiry_date = atm_strike.expiry_date
            and options.strike = atm_strike.atm_strike
    group by options.asset, options.date, options.expiry_date
),

volumes as (
    select
        asset,
        date,
        expiry_date,
        -- summed as DECIMAL: parallel double sums differ in the last bits from run to run
        cast(
            sum(
                case when option_type = 'call' then cast(volume_24h as decimal(38, 10)) else 0 end
            ) as double
        ) as call_volume_24h,
        cast(
            sum(
                case when option_type = 'put' then cast(volume_24h as decimal(38, 10)) else 0 end
            ) as double
        ) as put_volume_24h
    from options
    group by asset, date, expiry_date
),

summarized as (
    select
        expiry_underlying.asset,
        expiry_underlying.date,
        expiry_underlying.expiry_date,
        expiry_underlying.time_to_expiry_years,
        expiry_underlying.underlying_price,
        atm_strike.atm_strike,
        atm_iv.atm_iv,
        atm_iv.atm_iv * atm_iv.atm_iv * expiry_underlying.time_to_expiry_years as total_variance,
        volumes.call_volume_24h,
        volumes.put_volume_24h
    from expiry_underlying
    left join atm_strike using (asset, date, expiry_date)
    left join atm_iv using (asset, date, expiry_date)
    left join volumes using (asset, date, expiry_date)
),

final as (
    select * from summarized
)

select * from final
where {{ crw_keeps_window('date') }}
