
  
    
        create table marts.fct_pulse_records_daily
      
      
      
      
      
      
      
      

      as
      with records as (
    select * from intermediate.int_pulse_records_computed
),

final as (
    select
        metric,
        date,
        value,
        highest_since,
        lowest_since,
        first_date
    from records
)

select * from final
  