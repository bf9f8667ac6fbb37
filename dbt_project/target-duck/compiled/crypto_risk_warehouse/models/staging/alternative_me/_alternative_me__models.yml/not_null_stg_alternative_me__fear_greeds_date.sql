
    
    



select date
from "warehouse"."staging"."stg_alternative_me__fear_greeds"
where date is null


