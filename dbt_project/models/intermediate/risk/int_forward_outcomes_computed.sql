-- What followed each day, for judging alerts and regimes (fct_alert_evaluation): per pulse asset
-- of the universe, day t and horizon h (1, 7, 30 days), from the daily closes of days t..t+h.
-- Facts about the future of t by design; nothing here feeds an alert or the score. Null unless
-- all h following days have a close.
--   forward_return:        close(t+h) / close(t) - 1
--   forward_realized_vol:  sample stddev of the h daily log returns t+1..t+h × sqrt(365)
--                          (null for h = 1: one return has no spread)
--   forward_max_drawdown:  min over s in t+1..t+h of close(s) / max(close(t..s)) - 1 (<= 0)
-- Incremental: a new or revised close on day d changes the outcomes of days d - 30 .. d, so a
-- build recomputes the days from the window's first day minus the longest horizon.
{{
    config(
        materialized=crw_incremental(),
        incremental_strategy='crw_window',
        crw_window_offset_days=30,
    )
}}

with prices as (
    select
        date,
        asset,
        close,
        log_return_1d
    from {{ ref('int_asset_prices_enriched') }}
    where {{ crw_reads_since('date', 30) }} and asset in (
        select universe.asset from {{ ref('stg_meta__universe_assets') }} as universe
        where universe.kind = 'pulse'
    )
),

horizons as (
    select horizon_values.horizon_days
    from (values (1), (7), (30)) as horizon_values (horizon_days)
),

paths as (
    select
        origin.asset,
        origin.date,
        horizons.horizon_days,
        origin.close as origin_close,
        later.date as later_date,
        later.close as later_close,
        -- as DECIMAL: sums of doubles differ in the last bits from run to run (parallel
        -- aggregation); exact decimal sums make the variance the same on every run
        cast(later.log_return_1d as decimal(38, 18)) as later_log_return,
        -- squared before the cast: a decimal(38, 18) product needs 36 decimals, which Spark
        -- rounds to 6 (and DuckDB turns into a double)
        cast(later.log_return_1d * later.log_return_1d as decimal(38, 18))
            as later_squared_log_return,
        greatest(
            origin.close,
            max(later.close) over (
                partition by origin.asset, origin.date, horizons.horizon_days
                order by later.date rows unbounded preceding
            )
        ) as running_peak
    from prices as origin
    cross join horizons
    inner join prices as later
        on
            origin.asset = later.asset
            and origin.date < later.date
            and origin.date + horizons.horizon_days >= later.date
),

summarized as (
    select
        asset,
        date,
        horizon_days,
        count(*) as days_seen,
        max_by(later_close, later_date) / any_value(origin_close) - 1 as forward_return,
        sum(later_log_return) as sum_log_returns,
        sum(later_squared_log_return) as sum_squared_log_returns,
        min(later_close / running_peak - 1) as forward_max_drawdown
    from paths
    group by asset, date, horizon_days
),

final as (
    select
        asset,
        date,
        horizon_days,
        forward_return,
        case
            when horizon_days > 1
                then sqrt(greatest(
                    (
                        cast(sum_squared_log_returns as double)
                        - power(cast(sum_log_returns as double), 2) / days_seen
                    ) / (days_seen - 1),
                    0
                )) * sqrt(365)
        end as forward_realized_vol,
        forward_max_drawdown
    from summarized
    where days_seen = horizon_days and {{ crw_keeps_window('date', 30) }}
)

select * from final
