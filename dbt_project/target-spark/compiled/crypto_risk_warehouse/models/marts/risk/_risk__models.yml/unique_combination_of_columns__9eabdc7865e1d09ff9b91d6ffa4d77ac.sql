
select date, alert_code, coalesce(asset, ''), count(*) as rows_per_combination
from marts.fct_risk_alerts
group by date, alert_code, coalesce(asset, '')
having count(*) > 1
