-- Incremental: reads the day before the window too (oi_change_1d).


with spot as (
    select
        asset,
        date,
        close as spot_close
    from staging.stg_binance__spot_klines
    where asset in (
        select universe.asset from staging.stg_meta__universe_assets as universe
        where universe.is_derivatives
    )
),

funding as (
    select * from intermediate.int_funding_rates_aggregated
    where true
),

open_interest as (
    select * from intermediate.int_open_interest_valued
    where true
),

basis as (
    select * from intermediate.int_futures_basis_computed
    where true
),

liquidations as (
    select * from intermediate.int_liquidations_summarized
    where true
),

volatility_index as (
    select * from staging.stg_deribit__volatility_index
    where true
),

options as (
    select * from intermediate.int_option_surfaces_interpolated
    where true
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
    where true
),

final as (
    select * from joined
)

select * from final
where true