
    
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
    from marts.fct_prices_daily
)
select grp, day_date, next_date from dates where next_date is not null and datediff(next_date, day_date) > 1

  
  
      
    ) dbt_internal_test