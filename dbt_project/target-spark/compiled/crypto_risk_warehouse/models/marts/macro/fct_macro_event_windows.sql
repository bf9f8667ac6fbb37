with windows as (
    select * from intermediate.int_macro_event_windows_joined
),

final as (
    select
        event_id,
        event_type,
        event_date,
        offset_days,
        date,
        btc_close,
        btc_return_1d,
        btc_return_since_t_minus_1,
        fear_greed_value
    from windows
)

select * from final