
    
    



select asset
from "warehouse"."seeds"."price_levels"
where asset is null


