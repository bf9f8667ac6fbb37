
    
    



select date
from staging.stg_fred__observations
where date is null


