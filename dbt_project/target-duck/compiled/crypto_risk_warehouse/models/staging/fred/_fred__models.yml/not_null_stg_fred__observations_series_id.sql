
    
    



select series_id
from "warehouse"."staging"."stg_fred__observations"
where series_id is null


