
    
    



select status
from "warehouse"."intermediate"."int_macro_events_enriched"
where status is null


