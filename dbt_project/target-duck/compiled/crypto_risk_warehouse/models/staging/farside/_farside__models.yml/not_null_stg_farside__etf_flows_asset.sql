
    
    



select asset
from "warehouse"."staging"."stg_farside__etf_flows"
where asset is null


