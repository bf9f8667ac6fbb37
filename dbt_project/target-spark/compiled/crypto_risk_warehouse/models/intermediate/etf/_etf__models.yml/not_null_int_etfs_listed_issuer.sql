
    
    



select issuer
from intermediate.int_etfs_listed
where issuer is null


