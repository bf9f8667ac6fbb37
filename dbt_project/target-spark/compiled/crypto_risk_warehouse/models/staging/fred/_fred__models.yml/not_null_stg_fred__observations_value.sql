
    
    



select value
from staging.stg_fred__observations
where value is null


