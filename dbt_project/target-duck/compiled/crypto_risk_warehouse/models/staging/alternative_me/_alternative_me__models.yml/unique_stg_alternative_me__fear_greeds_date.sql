
    
    

select
    date as unique_field,
    count(*) as n_records

from "warehouse"."staging"."stg_alternative_me__fear_greeds"
where date is not null
group by date
having count(*) > 1


