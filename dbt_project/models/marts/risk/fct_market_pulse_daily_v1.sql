-- Version 1 (deprecated, see the YAML): version 2 with the 1-day open-interest changes under their
-- old names, btc_oi_change_pct_1d and eth_oi_change_pct_1d, although they hold fractions.
with latest as (
    select * from {{ ref('fct_market_pulse_daily', v=2) }}
),

final as (
    select
        * exclude (btc_oi_change_1d, eth_oi_change_1d),
        btc_oi_change_1d as btc_oi_change_pct_1d,
        eth_oi_change_1d as eth_oi_change_pct_1d
    from latest
)

select * from final
