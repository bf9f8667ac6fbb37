
    
    

select
    date as unique_field,
    count(*) as n_records

from intermediate.int_btc_ndx_correlations_computed
where date is not null
group by date
having count(*) > 1


