
    
    



select date
from "warehouse"."intermediate"."int_market_days_enriched"
where date is null


