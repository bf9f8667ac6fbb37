with source as (
    select * from {{ source('farside', 'etf_flows') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by asset, ticker, date
            order by fetched_at desc, _loaded_at desc, (page = 'all_data') desc, _payload_sha256
        ) as version_rank,
        count(distinct _payload_sha256) over (partition by asset, ticker, date) as versions_loaded
    from source
),

latest as (
    select * from ranked
    where version_rank = 1
),

renamed as (
    select
        asset || '|' || ticker || '|' || strftime(date, '%Y-%m-%d') as fund_day_key,
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
