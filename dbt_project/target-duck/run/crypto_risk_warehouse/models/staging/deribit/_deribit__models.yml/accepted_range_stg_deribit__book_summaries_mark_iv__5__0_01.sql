
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select mark_iv
from "warehouse"."staging"."stg_deribit__book_summaries"
where mark_iv is not null
  and ( mark_iv < 0.01
    or mark_iv > 5
  )

  
  
      
    ) dbt_internal_test