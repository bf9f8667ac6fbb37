
    
    



select date
from "warehouse"."intermediate"."int_risk_scores_computed"
where date is null


