
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select date, instrument_name, count(*) as rows_per_combination
from staging.stg_deribit__book_summaries
group by date, instrument_name
having count(*) > 1

  
  
      
    ) dbt_internal_test