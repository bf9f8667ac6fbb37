
    
    



select fund_day_key
from "warehouse"."staging"."stg_farside__etf_flows"
where fund_day_key is null


