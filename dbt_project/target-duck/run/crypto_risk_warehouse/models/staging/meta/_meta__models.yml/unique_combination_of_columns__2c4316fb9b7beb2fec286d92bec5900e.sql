
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select kind, venue, asset, count(*) as rows_per_combination
from "warehouse"."staging"."stg_meta__universe_assets"
group by kind, venue, asset
having count(*) > 1

  
  
      
    ) dbt_internal_test