
    
    



select issuer
from "warehouse"."intermediate"."int_etfs_listed"
where issuer is null


