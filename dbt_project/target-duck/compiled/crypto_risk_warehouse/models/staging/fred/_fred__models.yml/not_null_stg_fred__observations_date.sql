
    
    



select date
from "warehouse"."staging"."stg_fred__observations"
where date is null


