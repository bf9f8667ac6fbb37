{#- Constant-maturity ATM IV per asset and day: for a target T (7 and 30 days, in years of 365
    days) take the nearest expiries with an ATM IV on each side (T1 <= T <= T2) and interpolate
    total variance linearly, w(T) = w1 + (w2 - w1) * (T - T1) / (T2 - T1), iv = sqrt(w / T).
    Null when the target is not bracketed. Put/call figures from the 24h volumes of all expiries. -#}
-- Incremental: every row is one day's, so the window's days are read and rewritten.
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with expiries as (
    select * from {{ ref('int_option_expiries_summarized') }}
    where {{ crw_reads_since('date', 0) }}
),

targets as (
    select 7 as target_days
    union all
    select 30 as target_days
),

days as (
    select distinct
        asset,
        date
    from expiries
),

quoted_expiries as (
    select * from expiries
    where atm_iv is not null
),

-- The nearest quoted expiry on each side of the target: T1, w1 below (or at) and T2, w2 above.
brackets as (
    select
        days.asset,
        days.date,
        targets.target_days,
        targets.target_days / 365e0 as target_years,
        max(quoted_expiries.time_to_expiry_years) filter (
            where quoted_expiries.time_to_expiry_years <= targets.target_days / 365e0
        ) as lower_years,
        max_by(quoted_expiries.total_variance, quoted_expiries.time_to_expiry_years) filter (
            where quoted_expiries.time_to_expiry_years <= targets.target_days / 365e0
        ) as lower_variance,
        min(quoted_expiries.time_to_expiry_years) filter (
            where quoted_expiries.time_to_expiry_years >= targets.target_days / 365e0
        ) as upper_years,
        min_by(quoted_expiries.total_variance, quoted_expiries.time_to_expiry_years) filter (
            where quoted_expiries.time_to_expiry_years >= targets.target_days / 365e0
        ) as upper_variance
    from days
    cross join targets
    left join quoted_expiries
        on days.asset = quoted_expiries.asset and days.date = quoted_expiries.date
    group by days.asset, days.date, targets.target_days
),

interpolated as (
    select
        asset,
        date,
        target_days,
        case
            when lower_years is null or upper_years is null then null
            when upper_years = lower_years then sqrt(lower_variance / lower_years)
            else sqrt(
                (
                    lower_variance
                    + (upper_variance - lower_variance)
                    * (target_years - lower_years) / (upper_years - lower_years)
                ) / target_years
            )
        end as atm_iv
    from brackets
),

pivoted as (
    select
        asset,
        date,
        -- 1e-10 is far below any quote's precision; it makes results stable across float paths
        round(max(case when target_days = 7 then atm_iv end), 10) as atm_iv_7d,
        round(max(case when target_days = 30 then atm_iv end), 10) as atm_iv_30d
    from interpolated
    group by asset, date
),

volumes as (
    select
        asset,
        date,
        -- DECIMAL sums: parallel double sums differ in the last bits from run to run
        cast(sum(cast(call_volume_24h as decimal(38, 10))) as double) as call_volume_24h,
        cast(sum(cast(put_volume_24h as decimal(38, 10))) as double) as put_volume_24h,
        count(*) as option_expiries
    from expiries
    group by asset, date
),

final as (
    select
        pivoted.asset,
        pivoted.date,
        pivoted.atm_iv_7d,
        pivoted.atm_iv_30d,
        pivoted.atm_iv_7d > pivoted.atm_iv_30d as is_iv_backwardated,
        volumes.call_volume_24h,
        volumes.put_volume_24h,
        volumes.put_volume_24h / nullif(volumes.call_volume_24h, 0) as put_call_volume_ratio,
        volumes.call_volume_24h
        / nullif(volumes.call_volume_24h + volumes.put_volume_24h, 0) as call_volume_share,
        volumes.option_expiries
    from pivoted
    inner join volumes using (asset, date)
)

select * from final
where {{ crw_keeps_window('date') }}
