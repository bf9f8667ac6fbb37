
    
    



select asset
from intermediate.int_etfs_listed
where asset is null


