
    
    

select
    ticker as unique_field,
    count(*) as n_records

from "warehouse"."intermediate"."int_etfs_listed"
where ticker is not null
group by ticker
having count(*) > 1


