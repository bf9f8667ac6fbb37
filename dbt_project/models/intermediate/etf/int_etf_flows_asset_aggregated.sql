{#- Incremental: only the window's fund rows are read; the state comes from this table's last 4
    rows per asset before the window: the 5-row sum reads them, the cumulative flow continues
    from the last one's, and a streak from the last one's length. -#}
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with fund_flows as (
    select * from {{ ref('int_etf_fund_flows_reported') }}
    where {{ crw_reads_since('date', 0) }}
),

{% if is_incremental() %}
carried as (
    select
        date,
        asset,
        net_flow_usd,
        cumulative_flow_usd,
        case
            when sign(net_flow_usd) < 0 then outflow_streak_days
            when sign(net_flow_usd) > 0 then inflow_streak_days
            else 0
        end as run_length,
        row_number() over (partition by asset order by date desc) as rows_back
    from {{ this }}
    where date < {{ crw_from_date() }}
    qualify row_number() over (partition by asset order by date desc) <= 4
),
{% endif %}

asset_days as (
    select
        date,
        asset,
        cast(sum(net_flow_usd) as decimal(38, 2)) as net_flow_usd,
        cast(count(*) as integer) as funds_reported,
        -- Every fund of an asset-day comes from the same page row, so they share its Total.
        cast(max(site_total_usd) as decimal(38, 2)) as site_total_usd
    from fund_flows
    group by date, asset
),

-- The window's days, after (incremental) the carried rows: in_window false. A row's weight in a
-- streak is 1; the last carried row weighs its own streak length, the earlier ones nothing.
series as (
    select
        date,
        asset,
        net_flow_usd,
        funds_reported,
        site_total_usd,
        true as in_window,
        1 as streak_weight,
        cast(0 as decimal(38, 2)) as carried_cumulative_usd
    from asset_days
    {% if is_incremental() -%}
    union all
    select
        date,
        asset,
        net_flow_usd,
        null as funds_reported,
        null as site_total_usd,
        false as in_window,
        case when rows_back = 1 then run_length else 0 end as streak_weight,
        case when rows_back = 1 then cumulative_flow_usd else 0 end as carried_cumulative_usd
    from carried
    {%- endif %}
),

largest_outflows as (
    select
        date,
        asset,
        ticker as largest_outflow_ticker,
        net_flow_usd as largest_outflow_usd
    from fund_flows
    where net_flow_usd < 0
    qualify row_number() over (partition by asset, date order by net_flow_usd, ticker) = 1
),

-- Windows count rows (US trading days with data), never calendar days.
windowed as (
    select
        *,
        case
            when count(*) over last_5_rows = 5
                then cast(sum(net_flow_usd) over last_5_rows as decimal(38, 2))
        end as flow_5d_usd,
        cast(
            sum(case when in_window then net_flow_usd else carried_cumulative_usd end)
                over (partition by asset order by date rows unbounded preceding)
            as decimal(38, 2)
        ) as cumulative_flow_usd,
        cast(sign(net_flow_usd) as integer) as flow_sign
    from series
    window
        last_5_rows as (partition by asset order by date rows between 4 preceding and current row)
),

sign_changes as (
    select
        *,
        case
            when flow_sign = lag(flow_sign) over (partition by asset order by date) then 0
            else 1
        end as starts_run
    from windowed
),

runs as (
    select
        *,
        sum(starts_run) over (partition by asset order by date rows unbounded preceding) as run_id
    from sign_changes
),

streaks as (
    select
        *,
        cast(
            sum(streak_weight) over (
                partition by asset, run_id order by date rows unbounded preceding
            ) as integer
        ) as run_length
    from runs
),

final as (
    select
        streaks.date,
        streaks.asset,
        streaks.net_flow_usd,
        streaks.flow_5d_usd,
        streaks.cumulative_flow_usd,
        case when streaks.flow_sign < 0 then streaks.run_length else 0 end as outflow_streak_days,
        case when streaks.flow_sign > 0 then streaks.run_length else 0 end as inflow_streak_days,
        largest_outflows.largest_outflow_ticker,
        largest_outflows.largest_outflow_usd,
        streaks.funds_reported,
        streaks.site_total_usd,
        cast(streaks.site_total_usd - streaks.net_flow_usd as decimal(38, 2)) as site_total_diff_usd
    from streaks
    left join largest_outflows
        on
            streaks.asset = largest_outflows.asset
            and streaks.date = largest_outflows.date
    where streaks.in_window
)

select * from final
