
    
    



select asset
from staging.stg_meta__universe_assets
where asset is null


