with inputs as (
    select * from intermediate.int_risk_inputs_joined
),

context as (
    select * from intermediate.int_pulse_context_joined
),

single_metrics as (
    select
        'btc_ndx_corr_30d' as metric,
        date,
        cast(btc_ndx_corr_30d as double) as value
    from inputs
    where asset = 'BTC' and ndx_as_of = date and btc_ndx_corr_30d is not null
    union all
    select
        'btc_ndx_corr_90d' as metric,
        date,
        cast(btc_ndx_corr_90d as double) as value
    from inputs
    where asset = 'BTC' and ndx_as_of = date and btc_ndx_corr_90d is not null
    union all
    select
        'fear_greed_value' as metric,
        date,
        cast(fear_greed_value as double) as value
    from inputs
    where asset = 'BTC' and fear_greed_as_of = date and fear_greed_value is not null
    union all
    select
        'btc_drawdown_from_ath' as metric,
        date,
        cast(drawdown_from_ath as double) as value
    from inputs
    where asset = 'BTC' and prices_as_of = date and drawdown_from_ath is not null
    union all
    select
        'eth_drawdown_from_ath' as metric,
        date,
        cast(drawdown_from_ath as double) as value
    from inputs
    where asset = 'ETH' and prices_as_of = date and drawdown_from_ath is not null
    union all
    select
        'btc_funding_rate_annualized' as metric,
        date,
        cast(funding_rate_annualized as double) as value
    from inputs
    where asset = 'BTC' and derivatives_as_of = date and funding_rate_annualized is not null
    union all
    select
        'eth_funding_rate_annualized' as metric,
        date,
        cast(funding_rate_annualized as double) as value
    from inputs
    where asset = 'ETH' and derivatives_as_of = date and funding_rate_annualized is not null
    union all
    select
        'btc_basis_annualized_front_quarter' as metric,
        date,
        cast(basis_annualized_front_quarter as double) as value
    from inputs
    where asset = 'BTC' and derivatives_as_of = date and basis_annualized_front_quarter is not null
    union all
    select
        'eth_basis_annualized_front_quarter' as metric,
        date,
        cast(basis_annualized_front_quarter as double) as value
    from inputs
    where asset = 'ETH' and derivatives_as_of = date and basis_annualized_front_quarter is not null
    union all
    select
        'btc_open_interest_usd' as metric,
        date,
        cast(open_interest_usd as double) as value
    from inputs
    where asset = 'BTC' and derivatives_as_of = date and open_interest_usd is not null
    union all
    select
        'btc_atm_iv_7d' as metric,
        date,
        cast(atm_iv_7d as double) as value
    from inputs
    where asset = 'BTC' and derivatives_as_of = date and atm_iv_7d is not null
    union all
    select
        'btc_atm_iv_30d' as metric,
        date,
        cast(atm_iv_30d as double) as value
    from inputs
    where asset = 'BTC' and derivatives_as_of = date and atm_iv_30d is not null
    union all
    select
        'btc_etf_net_flow_usd' as metric,
        date,
        cast(etf_net_flow_usd as double) as value
    from inputs
    where asset = 'BTC' and etf_flows_as_of = date and etf_net_flow_usd is not null
    union all
    select
        'btc_etf_outflow_streak_days' as metric,
        date,
        cast(etf_outflow_streak_days as double) as value
    from inputs
    where asset = 'BTC' and etf_flows_as_of = date and etf_outflow_streak_days is not null
    union all
    select
        'eth_etf_net_flow_usd' as metric,
        date,
        cast(etf_net_flow_usd as double) as value
    from inputs
    where asset = 'ETH' and etf_flows_as_of = date and etf_net_flow_usd is not null
    union all
    select
        'eth_etf_outflow_streak_days' as metric,
        date,
        cast(etf_outflow_streak_days as double) as value
    from inputs
    where asset = 'ETH' and etf_flows_as_of = date and etf_outflow_streak_days is not null
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

spans as (
    select
        max(value) over (
            partition by metric order by series_index
            rows between 0 preceding and current row
        ) as max_0,
        min(value) over (
            partition by metric order by series_index
            rows between 0 preceding and current row
        ) as min_0,
        max(value) over (
            partition by metric order by series_index
            rows between 1 preceding and current row
        ) as max_1,
        min(value) over (
            partition by metric order by series_index
            rows between 1 preceding and current row
        ) as min_1,
        max(value) over (
            partition by metric order by series_index
            rows between 3 preceding and current row
        ) as max_2,
        min(value) over (
            partition by metric order by series_index
            rows between 3 preceding and current row
        ) as min_2,
        max(value) over (
            partition by metric order by series_index
            rows between 7 preceding and current row
        ) as max_3,
        min(value) over (
            partition by metric order by series_index
            rows between 7 preceding and current row
        ) as min_3,
        max(value) over (
            partition by metric order by series_index
            rows between 15 preceding and current row
        ) as max_4,
        min(value) over (
            partition by metric order by series_index
            rows between 15 preceding and current row
        ) as min_4,
        max(value) over (
            partition by metric order by series_index
            rows between 31 preceding and current row
        ) as max_5,
        min(value) over (
            partition by metric order by series_index
            rows between 31 preceding and current row
        ) as min_5,
        max(value) over (
            partition by metric order by series_index
            rows between 63 preceding and current row
        ) as max_6,
        min(value) over (
            partition by metric order by series_index
            rows between 63 preceding and current row
        ) as min_6,
        max(value) over (
            partition by metric order by series_index
            rows between 127 preceding and current row
        ) as max_7,
        min(value) over (
            partition by metric order by series_index
            rows between 127 preceding and current row
        ) as min_7,
        max(value) over (
            partition by metric order by series_index
            rows between 255 preceding and current row
        ) as max_8,
        min(value) over (
            partition by metric order by series_index
            rows between 255 preceding and current row
        ) as min_8,
        max(value) over (
            partition by metric order by series_index
            rows between 511 preceding and current row
        ) as max_9,
        min(value) over (
            partition by metric order by series_index
            rows between 511 preceding and current row
        ) as min_9,
        max(value) over (
            partition by metric order by series_index
            rows between 1023 preceding and current row
        ) as max_10,
        min(value) over (
            partition by metric order by series_index
            rows between 1023 preceding and current row
        ) as min_10,
        max(value) over (
            partition by metric order by series_index
            rows between 2047 preceding and current row
        ) as max_11,
        min(value) over (
            partition by metric order by series_index
            rows between 2047 preceding and current row
        ) as min_11,
        max(value) over (
            partition by metric order by series_index
            rows between 4095 preceding and current row
        ) as max_12,
        min(value) over (
            partition by metric order by series_index
            rows between 4095 preceding and current row
        ) as min_12,
        max(value) over (
            partition by metric order by series_index
            rows between 8191 preceding and current row
        ) as max_13,
        min(value) over (
            partition by metric order by series_index
            rows between 8191 preceding and current row
        ) as min_13,
        max(value) over (
            partition by metric order by series_index
            rows between 16383 preceding and current row
        ) as max_14,
        min(value) over (
            partition by metric order by series_index
            rows between 16383 preceding and current row
        ) as min_14,
        max(value) over (
            partition by metric order by series_index
            rows between 32767 preceding and current row
        ) as max_15,
        min(value) over (
            partition by metric order by series_index
            rows between 32767 preceding and current row
        ) as min_15,
        metric,
        series_index
    from indexed
),

descent_16 as (
    select
        metric,
        series_index,
        value,
        series_index - 1 as high_index,
        series_index - 1 as low_index
    from indexed
),

descent_15 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_15 < previous.value
                then previous.high_index - 32768
            else previous.high_index
        end as high_index,
        case
            when low_span.min_15 > previous.value
                then previous.low_index - 32768
            else previous.low_index
        end as low_index
    from descent_16 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

descent_14 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_14 < previous.value
                then previous.high_index - 16384
            else previous.high_index
        end as high_index,
        case
            when low_span.min_14 > previous.value
                then previous.low_index - 16384
            else previous.low_index
        end as low_index
    from descent_15 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

descent_13 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_13 < previous.value
                then previous.high_index - 8192
            else previous.high_index
        end as high_index,
        case
            when low_span.min_13 > previous.value
                then previous.low_index - 8192
            else previous.low_index
        end as low_index
    from descent_14 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

descent_12 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_12 < previous.value
                then previous.high_index - 4096
            else previous.high_index
        end as high_index,
        case
            when low_span.min_12 > previous.value
                then previous.low_index - 4096
            else previous.low_index
        end as low_index
    from descent_13 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

descent_11 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_11 < previous.value
                then previous.high_index - 2048
            else previous.high_index
        end as high_index,
        case
            when low_span.min_11 > previous.value
                then previous.low_index - 2048
            else previous.low_index
        end as low_index
    from descent_12 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

descent_10 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_10 < previous.value
                then previous.high_index - 1024
            else previous.high_index
        end as high_index,
        case
            when low_span.min_10 > previous.value
                then previous.low_index - 1024
            else previous.low_index
        end as low_index
    from descent_11 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

descent_9 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_9 < previous.value
                then previous.high_index - 512
            else previous.high_index
        end as high_index,
        case
            when low_span.min_9 > previous.value
                then previous.low_index - 512
            else previous.low_index
        end as low_index
    from descent_10 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

descent_8 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_8 < previous.value
                then previous.high_index - 256
            else previous.high_index
        end as high_index,
        case
            when low_span.min_8 > previous.value
                then previous.low_index - 256
            else previous.low_index
        end as low_index
    from descent_9 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

descent_7 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_7 < previous.value
                then previous.high_index - 128
            else previous.high_index
        end as high_index,
        case
            when low_span.min_7 > previous.value
                then previous.low_index - 128
            else previous.low_index
        end as low_index
    from descent_8 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

descent_6 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_6 < previous.value
                then previous.high_index - 64
            else previous.high_index
        end as high_index,
        case
            when low_span.min_6 > previous.value
                then previous.low_index - 64
            else previous.low_index
        end as low_index
    from descent_7 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

descent_5 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_5 < previous.value
                then previous.high_index - 32
            else previous.high_index
        end as high_index,
        case
            when low_span.min_5 > previous.value
                then previous.low_index - 32
            else previous.low_index
        end as low_index
    from descent_6 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

descent_4 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_4 < previous.value
                then previous.high_index - 16
            else previous.high_index
        end as high_index,
        case
            when low_span.min_4 > previous.value
                then previous.low_index - 16
            else previous.low_index
        end as low_index
    from descent_5 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

descent_3 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_3 < previous.value
                then previous.high_index - 8
            else previous.high_index
        end as high_index,
        case
            when low_span.min_3 > previous.value
                then previous.low_index - 8
            else previous.low_index
        end as low_index
    from descent_4 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

descent_2 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_2 < previous.value
                then previous.high_index - 4
            else previous.high_index
        end as high_index,
        case
            when low_span.min_2 > previous.value
                then previous.low_index - 4
            else previous.low_index
        end as low_index
    from descent_3 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

descent_1 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_1 < previous.value
                then previous.high_index - 2
            else previous.high_index
        end as high_index,
        case
            when low_span.min_1 > previous.value
                then previous.low_index - 2
            else previous.low_index
        end as low_index
    from descent_2 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

descent_0 as (
    select
        previous.metric,
        previous.series_index,
        previous.value,
        case
            when high_span.max_0 < previous.value
                then previous.high_index - 1
            else previous.high_index
        end as high_index,
        case
            when low_span.min_0 > previous.value
                then previous.low_index - 1
            else previous.low_index
        end as low_index
    from descent_1 as previous
    left join spans as high_span
        on previous.metric = high_span.metric and previous.high_index = high_span.series_index
    left join spans as low_span
        on previous.metric = low_span.metric and previous.low_index = low_span.series_index
),

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

select * from final