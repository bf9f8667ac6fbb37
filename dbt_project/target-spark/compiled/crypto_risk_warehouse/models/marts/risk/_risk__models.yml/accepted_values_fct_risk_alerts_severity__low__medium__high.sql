
    
    

with all_values as (

    select
        severity as value_field,
        count(*) as n_records

    from marts.fct_risk_alerts
    group by severity

)

select *
from all_values
where value_field not in (
    'low','medium','high'
)


