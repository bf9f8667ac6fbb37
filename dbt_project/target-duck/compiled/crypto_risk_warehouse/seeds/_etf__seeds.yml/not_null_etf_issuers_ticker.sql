
    
    



select ticker
from "warehouse"."seeds"."etf_issuers"
where ticker is null


