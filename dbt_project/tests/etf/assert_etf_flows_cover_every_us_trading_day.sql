{{
    config(
        severity='warn',
        meta={'dagster': {'ref': {'name': 'int_etf_flows_asset_aggregated'}}}
    )
}}

-- Every US trading day (weekday, not an NYSE holiday) between an asset's first and last
-- asset-day must have a row: a gap means a page lost a day or a fetch missed it.
with asset_days as (
    select
        asset,
        date
    from {{ ref('int_etf_flows_asset_aggregated') }}
),

holidays as (
    select date from {{ ref('us_market_holidays') }}
),

coverage as (
    select
        asset,
        min(date) as first_date,
        max(date) as last_date
    from asset_days
    group by asset
),

calendar as (
    select
        asset,
        {{ crw_days_between('first_date', 'last_date') }} as calendar_day
    from coverage
),

calendar_days as (
    select
        asset,
        cast(calendar_day as date) as date
    from calendar
),

trading_days as (
    select
        calendar_days.asset,
        calendar_days.date
    from calendar_days
    where
        {{ crw_iso_day_of_week('calendar_days.date') }} <= 5
        and calendar_days.date not in (select holidays.date from holidays)
),

missing as (
    select
        trading_days.asset,
        trading_days.date
    from trading_days
    left join asset_days
        on
            trading_days.asset = asset_days.asset
            and trading_days.date = asset_days.date
    where asset_days.date is null
)

select * from missing
