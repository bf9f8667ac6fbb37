-- Incremental (README "Incremental transform"): the weeks int_asset_weeks_closed recomputed.
{{
    config(
        materialized=crw_incremental(),
        incremental_strategy='crw_window',
        on_schema_change='fail',
        crw_date_column='week_start',
        crw_window_offset_days=6,
    )
}}

with weeks as (
    select * from {{ ref('int_asset_weeks_closed') }}
    where {{ crw_keeps_window('week_start', 6) }}
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
