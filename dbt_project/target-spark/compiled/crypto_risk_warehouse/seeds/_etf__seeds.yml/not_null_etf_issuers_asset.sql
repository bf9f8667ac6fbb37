
    
    



select asset
from seeds.etf_issuers
where asset is null


