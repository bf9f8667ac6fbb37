
    
    

select
    date as unique_field,
    count(*) as n_records

from "warehouse"."marts"."fct_market_daily"
where date is not null
group by date
having count(*) > 1


