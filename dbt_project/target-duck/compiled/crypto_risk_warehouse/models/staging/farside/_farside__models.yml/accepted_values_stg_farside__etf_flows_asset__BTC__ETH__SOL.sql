
    
    

with all_values as (

    select
        asset as value_field,
        count(*) as n_records

    from "warehouse"."staging"."stg_farside__etf_flows"
    group by asset

)

select *
from all_values
where value_field not in (
    'BTC','ETH','SOL'
)


