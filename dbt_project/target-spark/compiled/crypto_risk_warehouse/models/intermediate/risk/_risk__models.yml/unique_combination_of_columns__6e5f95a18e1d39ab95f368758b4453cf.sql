
select date, asset, count(*) as rows_per_combination
from intermediate.int_risk_inputs_joined
group by date, asset
having count(*) > 1
