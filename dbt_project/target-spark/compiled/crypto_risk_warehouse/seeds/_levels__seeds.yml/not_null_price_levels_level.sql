
    
    



select level
from seeds.price_levels
where level is null


