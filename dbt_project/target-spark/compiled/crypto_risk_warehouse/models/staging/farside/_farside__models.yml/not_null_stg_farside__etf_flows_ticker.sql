
    
    



select ticker
from staging.stg_farside__etf_flows
where ticker is null


