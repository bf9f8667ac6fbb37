with alerts as (
    select * from "warehouse"."intermediate"."int_risk_alerts_evaluated"
),

final as (
    select
        date,
        alert_code,
        asset,
        severity,
        metric_value,
        threshold,
        message
    from alerts
)

select * from final