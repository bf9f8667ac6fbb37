
    
    



select series_id
from staging.stg_fred__observations
where series_id is null


