
    
    



select date
from seeds.us_market_holidays
where date is null


