-- Every fetched observation of a fund-day (stg_farside__etf_flows keeps only the latest): one
-- row per asset, ticker, date and fetch instant, the page the latest-version rule of
-- stg_farside__etf_flows prefers winning a tie within one fetch (the full-history page over
-- the recent page of the same fetch).
with source as (
    select * from raw_farside.etf_flows
),

per_fetch as (
    select *
    from source
    qualify row_number() over (
        partition by asset, ticker, date, fetched_at
        order by _loaded_at desc, (page = 'all_data') desc, _payload_sha256
    ) = 1
),

renamed as (
    select
        asset,
        ticker,
        date,
        cast(flow_usd_m * 1000000 as decimal(38, 2)) as net_flow_usd,
        fetched_at
    from per_fetch
),

final as (
    select * from renamed
)

select * from final