
    
    



select ticker
from "warehouse"."intermediate"."int_etfs_listed"
where ticker is null


