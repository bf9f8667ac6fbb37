
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
with dates as (
    select asset as grp,
        date as day_date,
        lead(date) over (
            partition by asset
            order by date
        ) as next_date
    from "warehouse"."marts"."fct_derivatives_daily_v1"
)
select grp, day_date, next_date from dates where next_date is not null and date_diff('day', day_date, next_date) > 1

  
  
      
    ) dbt_internal_test