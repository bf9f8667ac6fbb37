
    
    



select dvol
from "warehouse"."staging"."stg_deribit__volatility_index"
where dvol is null


