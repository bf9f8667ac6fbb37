
    
    



select is_reported
from "warehouse"."staging"."stg_farside__etf_flows"
where is_reported is null


