
    
    



select asset
from "warehouse"."seeds"."etf_issuers"
where asset is null


