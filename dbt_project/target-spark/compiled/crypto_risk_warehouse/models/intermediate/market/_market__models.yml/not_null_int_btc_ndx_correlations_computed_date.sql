
    
    



select date
from intermediate.int_btc_ndx_correlations_computed
where date is null


