
    
    



select date
from "warehouse"."intermediate"."int_btc_ndx_correlations_computed"
where date is null


