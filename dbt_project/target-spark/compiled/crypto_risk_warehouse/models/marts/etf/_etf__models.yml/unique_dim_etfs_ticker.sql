
    
    

select
    ticker as unique_field,
    count(*) as n_records

from marts.dim_etfs
where ticker is not null
group by ticker
having count(*) > 1


