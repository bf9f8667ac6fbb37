
    
    

select
    ticker as unique_field,
    count(*) as n_records

from seeds.etf_issuers
where ticker is not null
group by ticker
having count(*) > 1


