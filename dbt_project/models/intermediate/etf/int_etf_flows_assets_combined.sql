-- BTC + ETH + SOL (every asset with spot ETFs) net flows per US trading day, as the notes
-- quote them ("crypto ETFs took in $X combined"). A day counts the assets that reported it;
-- assets_reported says which.
with asset_days as (
    select * from {{ ref('int_etf_flows_asset_aggregated') }}
),

combined as (
    select
        date,
        cast(sum(net_flow_usd) as double) as net_flow_usd,
        string_agg(asset, ',' order by asset) as assets_reported
    from asset_days
    group by date
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
    from combined
    window last_5_rows as (order by date rows between 4 preceding and current row)
)

select * from final
