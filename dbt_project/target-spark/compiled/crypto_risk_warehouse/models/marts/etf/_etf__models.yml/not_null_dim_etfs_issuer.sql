
    
    



select issuer
from marts.dim_etfs
where issuer is null


