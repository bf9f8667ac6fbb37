
    
    



select ticker
from intermediate.int_etfs_listed
where ticker is null


