
    
    



select date
from "warehouse"."intermediate"."int_pulse_context_joined"
where date is null


