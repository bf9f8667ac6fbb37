
    
    



select front_quarter_days_to_expiry
from intermediate.int_futures_basis_computed
where front_quarter_days_to_expiry is null


