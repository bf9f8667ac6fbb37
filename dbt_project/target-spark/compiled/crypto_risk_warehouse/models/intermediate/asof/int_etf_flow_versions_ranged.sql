-- One row per fund-day version: a run of consecutive fetches that showed the same flow,
-- valid from the first of them until the first later fetch that showed another (null: still
-- the latest). A fund-day first fetched with '-' (not reported) has a version with a null flow.
with observations as (
    select * from staging.stg_farside__etf_flow_versions
),

previous as (
    select
        *,
        lag(net_flow_usd) over by_fetch as previous_net_flow_usd,
        lag(fetched_at) over by_fetch as previous_fetched_at
    from observations
    window by_fetch as (partition by asset, ticker, date order by fetched_at)
),

changes as (
    select
        *,
        (
            previous_fetched_at is null
            or (net_flow_usd is distinct from previous_net_flow_usd)
        ) as starts_version
    from previous
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