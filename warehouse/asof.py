"""What the warehouse knew at a past instant: DuckDB table macros in the BI copy, and the text
``crw asof`` prints from them.

The revisable inputs are versioned in the marts with validity ranges (``fct_etf_flow_versions``:
every Farside figure of a fund-day; ``fct_macro_event_versions``: every BLS / Fed calendar
listing), each version valid from the fetch that first showed it until the fetch that showed
another. The macros pick the versions valid at the instant and rebuild what depends on them:

- ``etf_flows_asof(ts)``: the asset-day ETF flows (net flow, 5-day sum, cumulative flow,
  streaks, largest outflow) as ``fct_etf_flows_asset_daily`` read them at ``ts``;
- ``macro_events_asof(ts)``: the events the calendars listed at ``ts``, with status then;
- ``alerts_asof(ts)``: ``fct_risk_alerts`` of the days ended by ``ts``, the ETF outflow-streak
  rule re-evaluated on the flows known at ``ts``;
- ``pulse_asof(ts)``: ``fct_market_pulse_daily`` of those days with the ETF fields, stale
  inputs, alerts, alert points, risk score and regime as known at ``ts``.

``ts`` is a UTC timestamp (``'2025-09-03 20:00'``). The other inputs (prices, derivatives, Fear
& Greed, NDX) are not revised by their sources in the sample and their raw tables keep one
version, so they read as latest; the macro countdowns already are as known on each day.
Thresholds and weights are the dbt vars of ``dbt_project.yml`` (defaults; a run with
``--vars`` overrides is not seen here).
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import yaml

from warehouse.settings import PROJECT_DIR

DBT_PROJECT_FILE = PROJECT_DIR / "dbt_project" / "dbt_project.yml"
# The marts the macros read: a BI copy without them gets no macros.
MACRO_TABLES = (
    "fct_etf_flow_versions",
    "fct_macro_event_versions",
    "fct_market_pulse_daily",
    "fct_risk_alerts",
)
RISK_VARS = (
    "alert_etf_outflow_streak_days",
    "alert_etf_outflow_streak_high_days",
    "pulse_max_lag_days_etf_flows",
    "risk_weight_high",
    "risk_weight_medium",
    "risk_weight_low",
    "risk_regime_elevated_from",
    "risk_regime_stressed_from",
    "risk_regime_extreme_from",
    "risk_regime_extreme_min_points",
)


def risk_vars() -> dict[str, float]:
    """The alert, weight and regime vars the macros need, from dbt_project.yml."""
    all_vars = yaml.safe_load(DBT_PROJECT_FILE.read_text())["vars"]
    return {name: all_vars[name] for name in RISK_VARS}


# The instant, read as UTC, and the first day not yet ended at it.
_AT = "timezone('UTC', cast(as_of as timestamp))"
_DAY = "cast(cast(as_of as timestamp) as date)"

ETF_FLOWS_ASOF = f"""
with known as (
    select * from fct_etf_flow_versions
    where valid_from <= {_AT} and (valid_to is null or valid_to > {_AT})
),
asset_days as (
    select
        date,
        asset,
        cast(sum(net_flow_usd) as decimal(38, 2)) as net_flow_usd,
        cast(count(net_flow_usd) as integer) as funds_reported
    from known
    group by date, asset
    having count(net_flow_usd) > 0
),
largest_outflows as (
    select date, asset, ticker as largest_outflow_ticker, net_flow_usd as largest_outflow_usd
    from known
    where net_flow_usd < 0
    qualify row_number() over (partition by asset, date order by net_flow_usd, ticker) = 1
),
windowed as (
    select
        *,
        case
            when count(*) over last_5_rows = 5
                then cast(sum(net_flow_usd) over last_5_rows as decimal(38, 2))
        end as flow_5d_usd,
        cast(
            sum(net_flow_usd) over (partition by asset order by date rows unbounded preceding)
            as decimal(38, 2)
        ) as cumulative_flow_usd,
        cast(sign(net_flow_usd) as integer) as flow_sign
    from asset_days
    window last_5_rows as (
        partition by asset order by date rows between 4 preceding and current row
    )
),
runs as (
    select
        *,
        sum(case when flow_sign = previous_sign then 0 else 1 end) over (
            partition by asset order by date rows unbounded preceding
        ) as run_id
    from (
        select *, lag(flow_sign) over (partition by asset order by date) as previous_sign
        from windowed
    )
),
streaks as (
    select
        *,
        cast(row_number() over (partition by asset, run_id order by date) as integer) as run_length
    from runs
)
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
    streaks.funds_reported
from streaks
left join largest_outflows
    on streaks.asset = largest_outflows.asset and streaks.date = largest_outflows.date
order by streaks.asset, streaks.date
"""

MACRO_EVENTS_ASOF = f"""
with seen as (
    select * from fct_macro_event_versions where valid_from <= {_AT}
),
originals as (
    select event_id, arg_min(scheduled_date, version_number) as original_scheduled_date
    from seen
    group by event_id
),
known as (
    select * from seen where valid_to is null or valid_to > {_AT}
)
select
    known.event_id,
    known.event_type,
    known.scheduled_date,
    known.scheduled_at_utc,
    originals.original_scheduled_date,
    case
        when known.is_cancelled then 'cancelled'
        when coalesce(known.scheduled_at_utc <= {_AT}, known.scheduled_date < {_DAY})
            then 'released'
        when known.scheduled_date > originals.original_scheduled_date then 'postponed'
        else 'scheduled'
    end as status,
    known.reference_period,
    known.has_projections,
    known.valid_from as known_since
from known
inner join originals on known.event_id = originals.event_id
order by known.scheduled_date, known.scheduled_at_utc nulls last, known.event_id
"""


def _weight(severity: str, v: dict) -> str:
    return (
        f"case {severity} when 'high' then {v['risk_weight_high']} "
        f"when 'medium' then {v['risk_weight_medium']} else {v['risk_weight_low']} end"
    )


def alerts_asof_sql(v: dict) -> str:
    return f"""
with days as (
    select date from fct_market_pulse_daily where date < {_DAY}
),
flows as (
    select * from etf_flows_asof(as_of)
),
asset_flows as (
    select days.date, assets.asset, flows.date as flows_as_of, flows.outflow_streak_days,
        flows.net_flow_usd
    from days
    cross join (values ('BTC'), ('ETH')) as assets (asset)
    asof left join flows on assets.asset = flows.asset and days.date >= flows.date
),
etf_alerts as (
    select
        date,
        'ETF_OUTFLOW_STREAK' as alert_code,
        asset,
        case when outflow_streak_days >= {v["alert_etf_outflow_streak_high_days"]}
            then 'high' else 'medium' end as severity,
        cast(outflow_streak_days as double) as metric_value,
        cast({v["alert_etf_outflow_streak_days"]} as double) as threshold,
        asset || ' spot ETFs: ' || outflow_streak_days
            || ' trading days of net outflows in a row (latest '
            || printf('%.1f', net_flow_usd / 1e6) || ' $m)' as message
    from asset_flows
    where
        outflow_streak_days >= {v["alert_etf_outflow_streak_days"]}
        and date - flows_as_of <= {v["pulse_max_lag_days_etf_flows"]}
)
select date, alert_code, asset, severity, metric_value, threshold, message
from fct_risk_alerts
where date < {_DAY} and alert_code <> 'ETF_OUTFLOW_STREAK'
union all
select * from etf_alerts
order by date, alert_code, asset
"""


def pulse_asof_sql(v: dict) -> str:
    lag = v["pulse_max_lag_days_etf_flows"]

    def listed(name: str) -> str:
        return f"contains(', ' || coalesce(pulse.stale_inputs, '') || ',', ', {name},')"

    return f"""
with pulse as (
    select * from fct_market_pulse_daily where date < {_DAY}
),
flows as (
    select * from etf_flows_asof(as_of)
),
btc_flows as (select * from flows where asset = 'BTC'),
eth_flows as (select * from flows where asset = 'ETH'),
-- int_etf_flows_assets_combined on the flows known then: a day counts once BTC and ETH have
-- both reported it (BTC alone before the ETH funds listed)
combined_days as (
    select
        date,
        cast(sum(net_flow_usd) as double) as net_flow_usd,
        string_agg(asset, ',' order by asset) as assets_reported
    from flows
    group by date
    having bool_or(asset = 'BTC') and (
        bool_or(asset = 'ETH')
        or date < coalesce((select min(date) from flows where asset = 'ETH'), date + 1)
    )
),
combined as (
    select
        date,
        net_flow_usd,
        case when count(*) over last_5 = 5 then sum(net_flow_usd) over last_5 end
            as flow_5d_usd,
        assets_reported
    from combined_days
    window last_5 as (order by date rows between 4 preceding and current row)
),
alerts as (
    select * from alerts_asof(as_of)
),
alert_summary as (
    select
        date,
        count(*) as active_alerts,
        count(*) filter (where severity = 'high') as high_alerts,
        string_agg(alert_code || coalesce(':' || asset, ''), ', ' order by alert_code, asset)
            as alert_codes,
        sum({_weight("severity", v)}) as alert_points
    from alerts
    group by date
),
points as (
    select pulse.date, cast(coalesce(alert_summary.alert_points, 0) as integer) as alert_points
    from pulse
    left join alert_summary on pulse.date = alert_summary.date
),
scores as (
    select
        today.date,
        cast(
            case when count(earlier.date) > 0
                then floor(100 * count(earlier.date) filter (
                    where earlier.alert_points < today.alert_points
                ) / count(earlier.date))
                else 0
            end as integer
        ) as risk_score
    from points as today
    left join points as earlier on earlier.date < today.date
    group by today.date
),
joined as (
    select
        pulse.*,
        btc_flows.date as btc_flows_date,
        btc_flows.net_flow_usd as btc_net,
        btc_flows.flow_5d_usd as btc_5d,
        btc_flows.outflow_streak_days as btc_out,
        btc_flows.inflow_streak_days as btc_in,
        btc_flows.largest_outflow_ticker as btc_largest,
        btc_flows.largest_outflow_usd as btc_largest_usd,
        eth_flows.largest_outflow_ticker as eth_largest,
        eth_flows.largest_outflow_usd as eth_largest_usd,
        combined.date as combined_date,
        combined.net_flow_usd as combined_net,
        combined.flow_5d_usd as combined_5d,
        combined.assets_reported as combined_assets,
        eth_flows.date as eth_flows_date,
        eth_flows.net_flow_usd as eth_net,
        eth_flows.outflow_streak_days as eth_out,
        eth_flows.inflow_streak_days as eth_in
    from pulse
    asof left join btc_flows on pulse.date >= btc_flows.date
    asof left join eth_flows on pulse.date >= eth_flows.date
    asof left join combined on pulse.date >= combined.date
)
select
    pulse.* exclude (
        btc_flows_date, btc_net, btc_5d, btc_out, btc_in, btc_largest, btc_largest_usd,
        eth_flows_date, eth_net, eth_out, eth_in, eth_largest, eth_largest_usd,
        combined_date, combined_net, combined_5d, combined_assets
    ) replace (
        cast(pulse.btc_net as double) as btc_etf_net_flow_usd,
        cast(pulse.btc_5d as double) as btc_etf_flow_5d_usd,
        pulse.btc_out as btc_etf_outflow_streak_days,
        pulse.btc_in as btc_etf_inflow_streak_days,
        pulse.btc_largest as btc_etf_largest_outflow_ticker,
        cast(pulse.eth_net as double) as eth_etf_net_flow_usd,
        pulse.eth_out as eth_etf_outflow_streak_days,
        pulse.eth_in as eth_etf_inflow_streak_days,
        pulse.btc_flows_date as etf_flows_as_of,
        pulse.eth_flows_date as eth_etf_flows_as_of,
        cast(pulse.btc_largest_usd as double) as btc_etf_largest_outflow_usd,
        pulse.eth_largest as eth_etf_largest_outflow_ticker,
        cast(pulse.eth_largest_usd as double) as eth_etf_largest_outflow_usd,
        pulse.combined_net as etf_combined_net_flow_usd,
        pulse.combined_5d as etf_combined_flow_5d_usd,
        pulse.combined_assets as etf_combined_assets,
        pulse.combined_date as etf_combined_flows_as_of,
        nullif(concat_ws(
            ', ',
            case when {listed("prices:BTC")} then 'prices:BTC' end,
            case when {listed("prices:ETH")} then 'prices:ETH' end,
            case
                when coalesce(pulse.date - pulse.btc_flows_date > {lag}, true)
                    then 'etf_flows:BTC'
            end,
            -- ETH ETFs only exist from 2024-07-23: before that ETH has no flows to be stale
            case
                when pulse.eth_flows_date is not null and pulse.date - pulse.eth_flows_date > {lag}
                    then 'etf_flows:ETH'
            end,
            case when {listed("derivatives:BTC")} then 'derivatives:BTC' end,
            case when {listed("derivatives:ETH")} then 'derivatives:ETH' end,
            case when {listed("fear_greed")} then 'fear_greed' end,
            case when {listed("ndx")} then 'ndx' end,
            case when {listed("macro_calendar")} then 'macro_calendar' end
        ), '') as stale_inputs,
        cast(coalesce(alert_summary.active_alerts, 0) as integer) as active_alerts,
        cast(coalesce(alert_summary.high_alerts, 0) as integer) as high_alerts,
        alert_summary.alert_codes as alert_codes,
        points.alert_points as alert_points,
        scores.risk_score as risk_score,
        case
            when scores.risk_score >= {v["risk_regime_extreme_from"]}
                and points.alert_points >= {v["risk_regime_extreme_min_points"]} then 'extreme'
            when scores.risk_score >= {v["risk_regime_stressed_from"]} then 'stressed'
            when scores.risk_score >= {v["risk_regime_elevated_from"]} then 'elevated'
            else 'calm'
        end as risk_regime
    )
from joined as pulse
left join alert_summary on pulse.date = alert_summary.date
left join points on pulse.date = points.date
left join scores on pulse.date = scores.date
order by pulse.date
"""


def create_macros(conn: duckdb.DuckDBPyConnection, *, catalog: str, v: dict) -> None:
    """Create the as-of table macros in ``catalog``'s main schema (the BI copy). DuckDB checks a
    macro's tables when it is created: with ``catalog`` the default, the bodies name them
    unqualified, as they read in the BI copy whatever its file is called."""
    (previous,) = conn.execute("select current_database()").fetchone()
    conn.execute(f"use {catalog}")
    try:
        _create(conn, catalog, v)
    finally:
        conn.execute(f"use {previous}")


def _create(conn: duckdb.DuckDBPyConnection, catalog: str, v: dict) -> None:
    for name, body in (
        ("etf_flows_asof", ETF_FLOWS_ASOF),
        ("macro_events_asof", MACRO_EVENTS_ASOF),
        ("alerts_asof", alerts_asof_sql(v)),
        ("pulse_asof", pulse_asof_sql(v)),
    ):
        conn.execute(f"create or replace macro {catalog}.main.{name}(as_of) as table {body}")


def report(conn: duckdb.DuckDBPyConnection, at: datetime) -> list[str]:
    """``crw asof``: the pulse, alerts and latest ETF flows as known at ``at`` (UTC)."""
    stamp = at.strftime("%Y-%m-%d %H:%M:%S")
    pulse = conn.execute(
        "select date, risk_regime, risk_score, active_alerts, stale_inputs, etf_flows_as_of, "
        "btc_etf_net_flow_usd, btc_etf_outflow_streak_days, next_cpi_date, next_fomc_date "
        "from pulse_asof(?) order by date desc limit 1",
        [stamp],
    ).fetchall()
    if not pulse:
        return [f"as of {stamp} UTC: no pulse day had ended yet"]
    day, regime, score, alerts, stale, flows_day, btc_net, streak, cpi, fomc = pulse[0]
    flows = (
        "none fetched yet"
        if flows_day is None
        else f"{flows_day}: net {btc_net / 1e6:+,.1f}m, outflow streak {streak} days"
    )
    lines = [
        f"as of {stamp} UTC (the warehouse's knowledge then)",
        f"  pulse {day}: {regime} (risk score {score}), {alerts} alerts"
        + (f", stale inputs: {stale}" if stale else ""),
        f"  BTC ETF flows {flows}",
        f"  next CPI {cpi}, next FOMC decision {fomc}",
    ]
    for code, asset, severity, message in conn.execute(
        "select alert_code, asset, severity, message from alerts_asof(?) "
        "where date = ? order by alert_code, asset",
        [stamp, day],
    ).fetchall():
        lines.append(f"  alert {severity:<6} {code}{':' + asset if asset else ''}: {message}")
    for flow_day, asset, flow, flow_5d, out_streak in conn.execute(
        "select date, asset, net_flow_usd, flow_5d_usd, outflow_streak_days "
        "from etf_flows_asof(?) qualify row_number() over "
        "(partition by asset order by date desc) <= 3 order by asset, date",
        [stamp],
    ).fetchall():
        five = "n/a" if flow_5d is None else f"{float(flow_5d) / 1e6:+,.1f}m"
        lines.append(
            f"  ETF {asset} {flow_day}: {float(flow) / 1e6:+,.1f}m, 5d {five}, "
            f"outflow streak {out_streak}"
        )
    return lines
