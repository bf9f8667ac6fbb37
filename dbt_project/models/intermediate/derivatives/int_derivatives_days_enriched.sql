{#- Every column of fct_derivatives_daily (and a few extra) per derivatives asset of the universe
    (perpetuals, futures, options, liquidations) and UTC day with a spot close. The risk pulse
    refs this model, never the mart.
    - funding: per venue-symbol the day's sum of prints x 365; across venues the average weighted
      by each venue's open interest (USD) that day, over the venues where both are known; the
      plain average of the venues' figures when no venue's OI is known.
    - open interest: the sum over venues of the day's OI (USD); oi_change_1d is the fraction
      open_interest_usd / previous day's - 1 (fct_derivatives_daily v1 still calls it
      oi_change_pct_1d), null when the previous calendar day has no OI. -#}
-- Incremental: reads the day before the window too (oi_change_1d).
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with spot as (
    select
        asset,
        date,
        close as spot_close
    from {{ ref('stg_binance__spot_klines') }}
    where asset in (
        select universe.asset from {{ ref('stg_meta__universe_assets') }} as universe
        where universe.is_derivatives
    )
),

funding as (
    select * from {{ ref('int_funding_rates_aggregated') }}
    where {{ crw_reads_since('date', 1) }}
),

open_interest as (
    select * from {{ ref('int_open_interest_valued') }}
    where {{ crw_reads_since('date', 1) }}
),

basis as (
    select * from {{ ref('int_futures_basis_computed') }}
    where {{ crw_reads_since('date', 1) }}
),

liquidations as (
    select * from {{ ref('int_liquidations_summarized') }}
    where {{ crw_reads_since('date', 1) }}
),

volatility_index as (
    select * from {{ ref('stg_deribit__volatility_index') }}
    where {{ crw_reads_since('date', 1) }}
),

options as (
    select * from {{ ref('int_option_surfaces_interpolated') }}
    where {{ crw_reads_since('date', 1) }}
),

funding_with_oi as (
    select
        funding.asset,
        funding.date,
        funding.venue,
        funding.funding_rate_annualized,
        open_interest.open_interest_usd
    from funding
    left join open_interest
        on
            funding.venue = open_interest.venue
            and funding.asset = open_interest.asset
            and funding.date = open_interest.date
),

funding_across_venues as (
    select
        asset,
        date,
        count(*) as funding_venues,
        coalesce(
            sum(
                case when open_interest_usd > 0 then funding_rate_annualized * open_interest_usd end
            )
            / nullif(sum(case when open_interest_usd > 0 then open_interest_usd end), 0),
            avg(funding_rate_annualized)
        ) as funding_rate_annualized,
        max(case when venue = 'binance' then funding_rate_annualized end)
            as funding_rate_annualized_binance,
        max(case when venue = 'bybit' then funding_rate_annualized end)
            as funding_rate_annualized_bybit
    from funding_with_oi
    group by asset, date
),

open_interest_total as (
    select
        asset,
        date,
        count(open_interest_usd) as open_interest_venues,
        sum(open_interest_usd) as open_interest_usd
    from open_interest
    group by asset, date
),

open_interest_change as (
    select
        asset,
        date,
        open_interest_venues,
        open_interest_usd,
        case
            when lag(date) over (partition by asset order by date) = date - 1
                then
                    open_interest_usd
                    / nullif(lag(open_interest_usd) over (partition by asset order by date), 0)
                    - 1
        end as oi_change_1d
    from open_interest_total
),

joined as (
    select
        spot.date,
        spot.asset,
        funding_across_venues.funding_rate_annualized,
        open_interest_change.open_interest_usd,
        open_interest_change.oi_change_1d,
        basis.basis_annualized_front_quarter,
        basis.front_quarter_days_to_expiry,
        liquidations.long_liquidation_usd as liquidations_long_usd,
        liquidations.short_liquidation_usd as liquidations_short_usd,
        liquidations.long_liquidation_share,
        volatility_index.dvol,
        options.atm_iv_7d,
        options.atm_iv_30d,
        options.is_iv_backwardated,
        options.put_call_volume_ratio,
        options.call_volume_share,
        funding_across_venues.funding_rate_annualized_binance,
        funding_across_venues.funding_rate_annualized_bybit,
        coalesce(funding_across_venues.funding_venues, 0) as funding_venues,
        coalesce(open_interest_change.open_interest_venues, 0) as open_interest_venues,
        basis.front_quarter_symbol,
        basis.futures_close as front_quarter_close,
        spot.spot_close
    from spot
    left join funding_across_venues using (asset, date)
    left join open_interest_change using (asset, date)
    left join basis using (asset, date)
    left join liquidations using (asset, date)
    left join volatility_index using (asset, date)
    left join options using (asset, date)
    where {{ crw_reads_since('spot.date', 1) }}
),

final as (
    select * from joined
)

select * from final
where {{ crw_keeps_window('date') }}
