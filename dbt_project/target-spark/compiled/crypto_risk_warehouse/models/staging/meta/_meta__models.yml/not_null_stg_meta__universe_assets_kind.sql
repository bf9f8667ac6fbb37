
    
    



select kind
from staging.stg_meta__universe_assets
where kind is null


