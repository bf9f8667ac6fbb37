
    
    



select event_id
from intermediate.int_macro_events_enriched
where event_id is null


