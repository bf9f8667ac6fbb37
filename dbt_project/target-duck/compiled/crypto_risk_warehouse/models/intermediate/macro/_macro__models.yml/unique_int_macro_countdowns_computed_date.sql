
    
    

select
    date as unique_field,
    count(*) as n_records

from "warehouse"."intermediate"."int_macro_countdowns_computed"
where date is not null
group by date
having count(*) > 1


