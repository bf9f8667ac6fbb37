
    
    



select issuer
from "warehouse"."marts"."dim_etfs"
where issuer is null


