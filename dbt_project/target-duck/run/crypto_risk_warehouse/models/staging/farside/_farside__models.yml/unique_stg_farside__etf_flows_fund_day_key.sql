
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

select
    fund_day_key as unique_field,
    count(*) as n_records

from "warehouse"."staging"."stg_farside__etf_flows"
where fund_day_key is not null
group by fund_day_key
having count(*) > 1



  
  
      
    ) dbt_internal_test