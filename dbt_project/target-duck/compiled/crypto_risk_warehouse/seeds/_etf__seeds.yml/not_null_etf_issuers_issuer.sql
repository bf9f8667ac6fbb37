
    
    



select issuer
from "warehouse"."seeds"."etf_issuers"
where issuer is null


