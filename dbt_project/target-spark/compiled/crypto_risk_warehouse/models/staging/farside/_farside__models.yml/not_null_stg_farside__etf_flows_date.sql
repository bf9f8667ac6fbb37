
    
    



select date
from staging.stg_farside__etf_flows
where date is null


