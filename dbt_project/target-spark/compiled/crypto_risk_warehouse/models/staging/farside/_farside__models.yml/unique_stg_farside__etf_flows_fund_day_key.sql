
    
    

select
    fund_day_key as unique_field,
    count(*) as n_records

from staging.stg_farside__etf_flows
where fund_day_key is not null
group by fund_day_key
having count(*) > 1


