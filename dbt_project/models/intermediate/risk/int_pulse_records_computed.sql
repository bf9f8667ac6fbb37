{#-
  "Highest since" for the pulse metrics: for each metric and observation day, the last earlier
  observation day with a value at least as high (highest_since) / at least as low
  (lowest_since), null when there is none (a record since the series began).

  Observations are the metric's own days: the rows of int_risk_inputs_joined whose as-of date
  is the day itself (US trading days for ETF flows and the BTC–NDX correlation, UTC days for the
  rest), so a weekend never repeats Friday's figure.

  Cost: O(n log n) per metric, not the O(n^2) of a self-join over every earlier day. Windows
  give, for each position p and k < levels, the max (min) of the 2^k values ending at p; then a
  binary descent per row starts at the previous position and, from the widest span down, skips
  a span of 2^k positions whenever all of its values are below (above) the row's value. What
  remains is the nearest earlier position with a value at least as high (low). `levels` spans
  2^16 - 1 = 65,535 observations per metric (179 years of days); the var crw_record_levels
  lowers it where series are short (the unit test: 4 levels, 15 observations), which keeps the
  query plan small (on Spark the plan's size, not the data, dominates a unit test's cost).

  Incremental (README "Incremental transform"): a day's record depends only on its own and
  earlier observations, so a build recomputes the window's days only, each by a direct search
  of its metric's earlier observations (a few rows a day against one series each: linear in
  the history, with no per-day descent over all of it).
-#}
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}
{%- set levels = var('crw_record_levels', 16) -%}
{%- set metrics = [
    ('btc_ndx_corr_30d', 'BTC', 'btc_ndx_corr_30d', 'ndx_as_of'),
    ('btc_ndx_corr_90d', 'BTC', 'btc_ndx_corr_90d', 'ndx_as_of'),
    ('fear_greed_value', 'BTC', 'fear_greed_value', 'fear_greed_as_of'),
    ('btc_drawdown_from_ath', 'BTC', 'drawdown_from_ath', 'prices_as_of'),
    ('eth_drawdown_from_ath', 'ETH', 'drawdown_from_ath', 'prices_as_of'),
    ('btc_funding_rate_annualized', 'BTC', 'funding_rate_annualized', 'derivatives_as_of'),
    ('eth_funding_rate_annualized', 'ETH', 'funding_rate_annualized', 'derivatives_as_of'),
    ('btc_basis_annualized_front_quarter', 'BTC', 'basis_annualized_front_quarter',
        'derivatives_as_of'),
    ('eth_basis_annualized_front_quarter', 'ETH', 'basis_annualized_front_quarter',
        'derivatives_as_of'),
    ('btc_open_interest_usd', 'BTC', 'open_interest_usd', 'derivatives_as_of'),
    ('btc_atm_iv_7d', 'BTC', 'atm_iv_7d', 'derivatives_as_of'),
    ('btc_atm_iv_30d', 'BTC', 'atm_iv_30d', 'derivatives_as_of'),
    ('btc_etf_net_flow_usd', 'BTC', 'etf_net_flow_usd', 'etf_flows_as_of'),
    ('btc_etf_outflow_streak_days', 'BTC', 'etf_outflow_streak_days', 'etf_flows_as_of'),
    ('eth_etf_net_flow_usd', 'ETH', 'etf_net_flow_usd', 'etf_flows_as_of'),
    ('eth_etf_outflow_streak_days', 'ETH', 'etf_outflow_streak_days', 'etf_flows_as_of'),
] -%}
with inputs as (
    select * from {{ ref('int_risk_inputs_joined') }}
),

context as (
    select * from {{ ref('int_pulse_context_joined') }}
),

single_metrics as (
    {%- for metric, asset, column, as_of in metrics %}
    select
        '{{ metric }}' as metric,
        date,
        cast({{ column }} as double) as value
    from inputs
    where asset = '{{ asset }}' and {{ as_of }} = date and {{ column }} is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

-- BTC + ETH liquidations of the day, when either is known (the pulse's liquidations_total_usd).
liquidations as (
    select
        'liquidations_total_usd' as metric,
        date,
        cast(
            coalesce(sum(liquidations_long_usd), 0) + coalesce(sum(liquidations_short_usd), 0)
            as double
        ) as value
    from inputs
    where
        derivatives_as_of = date
        and (liquidations_long_usd is not null or liquidations_short_usd is not null)
    group by date
),

combined_flows as (
    select
        'etf_combined_net_flow_usd' as metric,
        date,
        etf_combined_net_flow_usd as value
    from context
    where etf_combined_flows_as_of = date and etf_combined_net_flow_usd is not null
),

observations as (
    select * from single_metrics
    union all
    select * from liquidations
    union all
    select * from combined_flows
),

indexed as (
    select
        metric,
        date,
        value,
        row_number() over (partition by metric order by date) as series_index,
        min(date) over (partition by metric) as first_date
    from observations
),

{%- if is_incremental() %}

recomputed as (
    select * from indexed
    where {{ crw_keeps_window('date') }}
),

final as (
    select
        recomputed.metric,
        recomputed.date,
        recomputed.value,
        max(earlier.date) filter (where earlier.value >= recomputed.value) as highest_since,
        max(earlier.date) filter (where earlier.value <= recomputed.value) as lowest_since,
        recomputed.first_date
    from recomputed
    left join observations as earlier
        on recomputed.metric = earlier.metric and earlier.date < recomputed.date
    group by recomputed.metric, recomputed.date, recomputed.value, recomputed.first_date
)
{%- else %}

spans as (
    select
        {%- for k in range(levels) %}
        max(value) over (
            partition by metric order by series_index
            rows between {{ 2 ** k - 1 }} preceding and current row
        ) as max_{{ k }},
        min(value) over (
            partition by metric order by series_index
            rows between {{ 2 ** k - 1 }} preceding and current row
        ) as min_{{ k }},
        {%- endfor %}
        metric,
        series_index
    from indexed
),

descent_{{ levels }} as (
    select
        metric,
        series_index,
        value,
        series_index - 1 as high_index,
        series_index - 1 as low_index
    from indexed
),

{%- for k in range(levels - 1, -1, -1) %}

descent_{{ k }} as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_{{ k }} < previous.value
                then previous.high_index - {{ 2 ** k }}
            else previous.high_index
        end as high_index,
        case
            when low_span.min_{{ k }} > previous.value
                then previous.low_index - {{ 2 ** k }}
            else previous.low_index
        end as low_index
    from descent_{{ k + 1 }} as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),
{%- endfor %}

final as (
    select
        indexed.metric,
        indexed.date,
        indexed.value,
        highest.date as highest_since,
        lowest.date as lowest_since,
        indexed.first_date
    from indexed
    inner join descent_0
        on indexed.metric = descent_0.metric and indexed.series_index = descent_0.series_index
    left join indexed as highest
        on descent_0.metric = highest.metric and descent_0.high_index = highest.series_index
    left join indexed as lowest
        on descent_0.metric = lowest.metric and descent_0.low_index = lowest.series_index
)
{%- endif %}

select * from final
