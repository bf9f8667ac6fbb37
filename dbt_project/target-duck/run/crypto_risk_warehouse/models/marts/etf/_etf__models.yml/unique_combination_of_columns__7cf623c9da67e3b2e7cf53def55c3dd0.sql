
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select asset, date, count(*) as rows_per_combination
from "warehouse"."marts"."fct_etf_flows_asset_daily"
group by asset, date
having count(*) > 1

  
  
      
    ) dbt_internal_test