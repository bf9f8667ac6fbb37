
    
    



select asset
from "warehouse"."intermediate"."int_etfs_listed"
where asset is null


