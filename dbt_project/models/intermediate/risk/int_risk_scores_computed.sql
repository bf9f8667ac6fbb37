-- One row per pulse day: the day's alert points and the risk score and regime they give (the
-- rule is documented with fct_market_pulse_daily and in dbt_project.yml's risk vars).
--   alert_points: Σ severity weights of the day's alerts (vars risk_weight_*).
--   risk_score:   the expanding percentile of alert_points among the days before it: 100 × the
--                 share of earlier pulse days with fewer points (0 on the first day). Only earlier
--                 days are read, so a day's score never moves when later days arrive.
--   risk_regime:  from risk_score (vars risk_regime_*_from), with extreme also needing
--                 risk_regime_extreme_min_points points, so a quiet history cannot call a
--                 mildly busy day extreme.
-- Linear in days: alert points take few distinct values, so the days before each day are
-- counted per value (a running count per value) instead of joining every earlier day.
-- Incremental: the window's days, plus the count of earlier days per value carried from this
-- table's rows before the window (one small aggregate).
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with days as (
    select distinct date from {{ ref('int_risk_inputs_joined') }}
    where {{ crw_keeps_window('date') }}
),

alerts as (
    select * from {{ ref('int_risk_alerts_evaluated') }}
    where {{ crw_keeps_window('date') }}
),

alert_points as (
    select
        date,
        sum(
            case severity
                when 'high' then {{ var('risk_weight_high') }}
                when 'medium' then {{ var('risk_weight_medium') }}
                else {{ var('risk_weight_low') }}
            end
        ) as alert_points
    from alerts
    group by date
),

points as (
    select
        days.date,
        cast(coalesce(alert_points.alert_points, 0) as integer) as alert_points
    from days
    left join alert_points on days.date = alert_points.date
),

carried_counts as (
    {% if is_incremental() -%}
    select
        alert_points,
        count(*) as days_before
    from {{ this }}
    where date < {{ crw_from_date() }}
    group by alert_points
    {%- else -%}
    select
        cast(null as integer) as alert_points,
        cast(0 as bigint) as days_before
    where false
    {%- endif %}
),

point_values as (
    select alert_points from points
    union
    select alert_points from carried_counts
),

-- Per day and point value: the earlier days with that many points.
earlier_by_value as (
    select
        points.date,
        points.alert_points,
        point_values.alert_points as value,
        coalesce(carried_counts.days_before, 0)
        + coalesce(
            sum(case when points.alert_points = point_values.alert_points then 1 else 0 end)
                over (
                    partition by point_values.alert_points
                    order by points.date
                    rows between unbounded preceding and 1 preceding
                ),
            0
        ) as earlier_days
    from points
    cross join point_values
    left join carried_counts on point_values.alert_points = carried_counts.alert_points
),

ranked as (
    select
        date,
        any_value(alert_points) as alert_points,
        sum(earlier_days) as earlier_days,
        sum(case when value < alert_points then earlier_days else 0 end) as earlier_days_below
    from earlier_by_value
    group by date
),

scored as (
    select
        date,
        alert_points,
        cast(
            case
                when earlier_days > 0 then floor(100 * earlier_days_below / earlier_days) else 0
            end as integer
        ) as risk_score
    from ranked
),

final as (
    select
        date,
        alert_points,
        risk_score,
        case
            when
                risk_score >= {{ var('risk_regime_extreme_from') }}
                and alert_points >= {{ var('risk_regime_extreme_min_points') }}
                then 'extreme'
            when risk_score >= {{ var('risk_regime_stressed_from') }} then 'stressed'
            when risk_score >= {{ var('risk_regime_elevated_from') }} then 'elevated'
            else 'calm'
        end as risk_regime
    from scored
)

select * from final
where {{ crw_keeps_window('date') }}
