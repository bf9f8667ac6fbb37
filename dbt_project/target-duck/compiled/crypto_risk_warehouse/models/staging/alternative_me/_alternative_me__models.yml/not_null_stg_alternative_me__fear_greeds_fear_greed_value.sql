
    
    



select fear_greed_value
from "warehouse"."staging"."stg_alternative_me__fear_greeds"
where fear_greed_value is null


