
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select asset, ticker, date, count(*) as rows_per_combination
from marts.fct_etf_flows_daily
group by asset, ticker, date
having count(*) > 1

  
  
      
    ) dbt_internal_test