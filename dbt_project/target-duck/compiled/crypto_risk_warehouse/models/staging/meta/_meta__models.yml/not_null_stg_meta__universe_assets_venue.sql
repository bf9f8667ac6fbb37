
    
    



select venue
from "warehouse"."staging"."stg_meta__universe_assets"
where venue is null


