with source as (
    select * from {{ source('farside', 'etf_flows') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by asset, ticker, date
            order by fetched_at desc, _loaded_at desc, (page = 'all_data') desc, _payload_sha256
        ) as version_rank
    from source
),

-- (a grouped count, not count(distinct) over a window: Spark has no distinct window aggregates)
versions as (
    select
        asset,
        ticker,
        date,
        count(distinct _payload_sha256) as versions_loaded
    from source
    group by asset, ticker, date
),

latest as (
    select
        ranked.*,
        versions.versions_loaded
    from ranked
    inner join versions
        on
            ranked.asset = versions.asset
            and ranked.ticker = versions.ticker
            and ranked.date = versions.date
    where ranked.version_rank = 1
),

renamed as (
    select
        asset || '|' || ticker || '|' || cast(date as string) as fund_day_key,
        asset,
        ticker,
        issuer,
        date,
        cast(flow_usd_m as decimal(18, 2)) as flow_usd_m,
        cast(flow_usd_m * 1000000 as decimal(38, 2)) as net_flow_usd,
        flow_usd_m is not null as is_reported,
        cast(site_total_usd_m * 1000000 as decimal(38, 2)) as site_total_usd,
        page,
        cast(versions_loaded as integer) as versions_loaded,
        fetched_at,
        _loaded_at as loaded_at,
        _payload_sha256 as payload_sha256,
        _landing_path as landing_path
    from latest
),

final as (
    select * from renamed
)

select * from final
