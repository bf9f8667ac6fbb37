
    
    



select kind
from "warehouse"."seeds"."price_levels"
where kind is null


