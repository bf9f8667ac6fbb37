
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select date, asset, ticker, version_number, count(*) as rows_per_combination
from marts.fct_etf_flow_versions
group by date, asset, ticker, version_number
having count(*) > 1

  
  
      
    ) dbt_internal_test