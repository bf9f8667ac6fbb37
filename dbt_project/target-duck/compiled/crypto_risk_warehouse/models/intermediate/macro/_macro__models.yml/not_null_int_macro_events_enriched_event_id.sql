
    
    



select event_id
from "warehouse"."intermediate"."int_macro_events_enriched"
where event_id is null


