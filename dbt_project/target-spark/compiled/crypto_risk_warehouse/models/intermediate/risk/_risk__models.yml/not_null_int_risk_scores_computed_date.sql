
    
    



select date
from intermediate.int_risk_scores_computed
where date is null


