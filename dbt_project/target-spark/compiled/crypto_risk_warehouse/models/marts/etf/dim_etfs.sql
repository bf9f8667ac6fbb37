with funds as (
    select * from intermediate.int_etfs_listed
),

final as (
    select
        ticker,
        issuer,
        asset,
        first_flow_date
    from funds
)

select * from final