
    
    



select ticker
from "warehouse"."staging"."stg_farside__etf_flows"
where ticker is null


