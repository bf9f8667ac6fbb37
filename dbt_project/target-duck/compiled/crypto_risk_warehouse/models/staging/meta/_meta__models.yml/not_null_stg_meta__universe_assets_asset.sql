
    
    



select asset
from "warehouse"."staging"."stg_meta__universe_assets"
where asset is null


