
    
    



select ticker
from seeds.etf_issuers
where ticker is null


