-- BTC + ETH (+ SOL) spot-ETF net flows per US trading day, as the notes quote them ("crypto
-- ETFs took in $X combined"). A day counts only once BTC and ETH have both reported it (BTC
-- alone before the ETH funds listed), so a day with only the small funds in is no "combined"
-- figure; SOL and any other asset are added when they reported. assets_reported says which.
with asset_days as (
    select * from {{ ref('int_etf_flows_asset_aggregated') }}
),

eth_listing as (
    select min(date) as first_eth_date
    from asset_days
    where asset = 'ETH'
),

combined as (
    select
        asset_days.date,
        cast(sum(asset_days.net_flow_usd) as double) as net_flow_usd,
        {{ crw_string_agg('asset_days.asset', "','", 'asset_days.asset') }} as assets_reported,
        bool_or(asset_days.asset = 'BTC') as has_btc,
        bool_or(asset_days.asset = 'ETH') as has_eth,
        any_value(eth_listing.first_eth_date) as first_eth_date
    from asset_days
    cross join eth_listing
    group by asset_days.date
),

complete_days as (
    select
        date,
        net_flow_usd,
        assets_reported
    from combined
    where has_btc and (has_eth or first_eth_date is null or date < first_eth_date)
),

final as (
    select
        date,
        net_flow_usd,
        -- Rows, i.e. US trading days with data, as the per-asset 5-day sum counts them.
        case
            when count(*) over last_5_rows = 5 then sum(net_flow_usd) over last_5_rows
        end as flow_5d_usd,
        assets_reported
    from complete_days
    window last_5_rows as (order by date rows between 4 preceding and current row)
)

select * from final
