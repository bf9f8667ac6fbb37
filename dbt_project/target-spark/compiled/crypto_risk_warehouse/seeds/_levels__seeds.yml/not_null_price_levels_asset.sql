
    
    



select asset
from seeds.price_levels
where asset is null


