
    
    

select
    date as unique_field,
    count(*) as n_records

from "warehouse"."seeds"."us_market_holidays"
where date is not null
group by date
having count(*) > 1


