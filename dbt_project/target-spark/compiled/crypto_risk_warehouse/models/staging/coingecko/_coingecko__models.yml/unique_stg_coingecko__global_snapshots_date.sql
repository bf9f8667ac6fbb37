
    
    

select
    date as unique_field,
    count(*) as n_records

from staging.stg_coingecko__global_snapshots
where date is not null
group by date
having count(*) > 1


