-- Version 1 (deprecated, see the YAML): version 2 with the 1-day open-interest change under its
-- old name, oi_change_pct_1d, although it holds a fraction.
with latest as (
    select * from {{ ref('fct_derivatives_daily', v=2) }}
),

final as (
    select
        * exclude (oi_change_1d),
        oi_change_1d as oi_change_pct_1d
    from latest
)

select * from final
