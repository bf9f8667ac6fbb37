with versions as (
    select * from "warehouse"."intermediate"."int_etf_flow_versions_ranged"
),

final as (
    select
        date,
        asset,
        ticker,
        version_number,
        net_flow_usd,
        valid_from,
        valid_to
    from versions
)

select * from final