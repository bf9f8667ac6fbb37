-- One row per pulse day: the day's alert points and the risk score and regime they give (the
-- rule is documented with fct_market_pulse_daily and in dbt_project.yml's risk vars).
--   alert_points: Σ severity weights of the day's alerts (vars risk_weight_*).
--   risk_score:   the expanding percentile of alert_points among the days before it: 100 × the
--                 share of earlier pulse days with fewer points (0 on the first day). Only earlier
--                 days are read, so a day's score never moves when later days arrive.
--   risk_regime:  from risk_score (vars risk_regime_*_from), with extreme also needing
--                 risk_regime_extreme_min_points points, so a quiet history cannot call a
--                 mildly busy day extreme.
with days as (
    select distinct date from {{ ref('int_risk_inputs_joined') }}
),

alerts as (
    select * from {{ ref('int_risk_alerts_evaluated') }}
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

ranked as (
    select
        today.date,
        any_value(today.alert_points) as alert_points,
        count(earlier.date) as earlier_days,
        count(earlier.date) filter (where earlier.alert_points < today.alert_points)
            as earlier_days_below
    from points as today
    left join points as earlier on today.date > earlier.date
    group by today.date
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
