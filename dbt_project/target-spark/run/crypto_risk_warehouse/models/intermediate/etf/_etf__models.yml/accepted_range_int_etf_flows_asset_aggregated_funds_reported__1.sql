
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select funds_reported
from intermediate.int_etf_flows_asset_aggregated
where funds_reported is not null
  and ( funds_reported < 1
    or false
  )

  
  
      
    ) dbt_internal_test