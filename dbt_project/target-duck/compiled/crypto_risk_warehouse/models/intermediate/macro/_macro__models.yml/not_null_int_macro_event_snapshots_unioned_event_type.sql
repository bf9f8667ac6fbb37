
    
    



select event_type
from "warehouse"."intermediate"."int_macro_event_snapshots_unioned"
where event_type is null


