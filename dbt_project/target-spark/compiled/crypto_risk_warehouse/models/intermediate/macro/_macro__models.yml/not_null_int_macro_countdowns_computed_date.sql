
    
    



select date
from intermediate.int_macro_countdowns_computed
where date is null


