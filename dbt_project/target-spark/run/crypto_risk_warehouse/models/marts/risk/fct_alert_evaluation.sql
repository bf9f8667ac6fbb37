
  
    
        create table marts.fct_alert_evaluation
      
      
      
      
      
      
      
      

      as
      -- What followed the days an alert fired or a regime held, against all days (the baseline):
-- per condition, asset and horizon, the mean forward return, realized volatility and max
-- drawdown (int_forward_outcomes_computed). The conditions are known on their day without
-- reading the future (alerts read inputs up to the day, the score only earlier days' points);
-- the forward outcomes are the future of that day, which is the point.
with alerts as (
    select * from intermediate.int_risk_alerts_evaluated
),

scores as (
    select * from intermediate.int_risk_scores_computed
),

outcomes as (
    select * from intermediate.int_forward_outcomes_computed
),

condition_days as (
    select distinct
        'alert' as condition_kind,
        alert_code as condition,
        date
    from alerts
    union all
    select
        'regime' as condition_kind,
        risk_regime as condition,
        date
    from scores
    union all
    select
        'all_days' as condition_kind,
        'all_days' as condition,
        date
    from scores
),

fired as (
    select
        condition_kind,
        condition,
        count(*) as days_fired
    from condition_days
    group by condition_kind, condition
),

followed as (
    select
        condition_days.condition_kind,
        condition_days.condition,
        outcomes.asset,
        outcomes.horizon_days,
        count(outcomes.forward_return) as days_with_outcome,
        -- means of exact decimals: double sums differ in the last bits from run to run
        cast(
            avg(cast(outcomes.forward_return as decimal(38, 18))) as double
        ) as mean_forward_return,
        cast(
            avg(cast(outcomes.forward_realized_vol as decimal(38, 18))) as double
        ) as mean_forward_realized_vol,
        cast(
            avg(cast(outcomes.forward_max_drawdown as decimal(38, 18))) as double
        ) as mean_forward_max_drawdown
    from condition_days
    inner join outcomes on condition_days.date = outcomes.date
    group by
        condition_days.condition_kind,
        condition_days.condition,
        outcomes.asset,
        outcomes.horizon_days
),

baseline as (
    select * from followed
    where condition_kind = 'all_days'
),

total_days as (
    select days_fired as pulse_days from fired
    where condition_kind = 'all_days'
),

final as (
    select
        followed.condition_kind,
        followed.condition,
        followed.asset,
        cast(followed.horizon_days as integer) as horizon_days,
        cast(fired.days_fired as integer) as days_fired,
        fired.days_fired / total_days.pulse_days as share_of_days,
        cast(followed.days_with_outcome as integer) as days_with_outcome,
        followed.mean_forward_return,
        followed.mean_forward_realized_vol,
        followed.mean_forward_max_drawdown,
        baseline.mean_forward_return as baseline_forward_return,
        baseline.mean_forward_realized_vol as baseline_forward_realized_vol,
        baseline.mean_forward_max_drawdown as baseline_forward_max_drawdown,
        followed.mean_forward_return - baseline.mean_forward_return as excess_forward_return,
        followed.mean_forward_realized_vol - baseline.mean_forward_realized_vol
            as excess_forward_realized_vol,
        followed.mean_forward_max_drawdown - baseline.mean_forward_max_drawdown
            as excess_forward_max_drawdown
    from followed
    inner join fired
        on
            followed.condition_kind = fired.condition_kind
            and followed.condition = fired.condition
    inner join baseline
        on
            followed.asset = baseline.asset
            and followed.horizon_days = baseline.horizon_days
    cross join total_days
)

select * from final
  