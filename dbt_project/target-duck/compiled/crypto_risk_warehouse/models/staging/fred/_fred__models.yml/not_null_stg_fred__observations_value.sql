
    
    



select value
from "warehouse"."staging"."stg_fred__observations"
where value is null


