
    
    



select kind
from seeds.price_levels
where kind is null


