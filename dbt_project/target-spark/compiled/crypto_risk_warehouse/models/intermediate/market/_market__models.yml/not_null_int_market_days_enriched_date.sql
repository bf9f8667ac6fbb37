
    
    



select date
from intermediate.int_market_days_enriched
where date is null


