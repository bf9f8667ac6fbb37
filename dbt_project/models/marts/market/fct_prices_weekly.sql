with weeks as (
    select * from {{ ref('int_asset_weeks_closed') }}
),

final as (
    select
        asset,
        week_start,
        week_end,
        open,
        high,
        low,
        close,
        return_1w,
        days_with_prices
    from weeks
)

select * from final
