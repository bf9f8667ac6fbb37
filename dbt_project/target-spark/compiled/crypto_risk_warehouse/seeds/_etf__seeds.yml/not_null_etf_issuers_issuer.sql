
    
    



select issuer
from seeds.etf_issuers
where issuer is null


