
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select asset, ticker, date, version_number, count(*) as rows_per_combination
from intermediate.int_etf_flow_versions_ranged
group by asset, ticker, date, version_number
having count(*) > 1

  
  
      
    ) dbt_internal_test