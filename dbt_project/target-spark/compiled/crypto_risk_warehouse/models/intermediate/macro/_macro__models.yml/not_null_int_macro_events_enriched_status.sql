
    
    



select status
from intermediate.int_macro_events_enriched
where status is null


