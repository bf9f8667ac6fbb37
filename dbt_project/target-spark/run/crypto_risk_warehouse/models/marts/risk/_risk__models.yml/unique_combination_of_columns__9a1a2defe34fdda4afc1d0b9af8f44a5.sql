
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select metric, date, count(*) as rows_per_combination
from marts.fct_pulse_records_daily
group by metric, date
having count(*) > 1

  
  
      
    ) dbt_internal_test