
    
    



select date
from "warehouse"."seeds"."us_market_holidays"
where date is null


