
    
    

select
    date as unique_field,
    count(*) as n_records

from intermediate.int_pulse_context_joined
where date is not null
group by date
having count(*) > 1


