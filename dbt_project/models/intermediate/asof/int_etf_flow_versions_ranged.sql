-- One row per fund-day version: a run of consecutive fetches that showed the same flow,
-- valid from the first of them until the first later fetch that showed another (null: still
-- the latest). A fund-day first fetched with '-' (not reported) has a version with a null flow.
with observations as (
    select * from {{ ref('stg_farside__etf_flow_versions') }}
),

changes as (
    select
        *,
        net_flow_usd is distinct from lag(net_flow_usd) over by_fetch
        or lag(fetched_at) over by_fetch is null as starts_version
    from observations
    window by_fetch as (partition by asset, ticker, date order by fetched_at)
),

numbered as (
    select
        *,
        sum(cast(starts_version as integer)) over (
            partition by asset, ticker, date order by fetched_at rows unbounded preceding
        ) as version_number
    from changes
),

versions as (
    select
        asset,
        ticker,
        date,
        version_number,
        any_value(net_flow_usd) as net_flow_usd,
        min(fetched_at) as valid_from
    from numbered
    group by asset, ticker, date, version_number
),

final as (
    select
        asset,
        ticker,
        date,
        cast(version_number as integer) as version_number,
        net_flow_usd,
        valid_from,
        lead(valid_from) over (partition by asset, ticker, date order by version_number)
            as valid_to
    from versions
)

select * from final
