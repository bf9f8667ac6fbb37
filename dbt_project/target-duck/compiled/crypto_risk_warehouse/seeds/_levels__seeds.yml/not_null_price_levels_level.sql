
    
    



select level
from "warehouse"."seeds"."price_levels"
where level is null


