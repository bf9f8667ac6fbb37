
  
    
        create table marts.fct_macro_event_versions
      
      
      
      
      
      
      
      

      as
      with versions as (
    select * from intermediate.int_macro_event_versions_ranged
),

final as (
    select
        event_id,
        event_type,
        reference_period,
        scheduled_date,
        scheduled_at_utc,
        has_projections,
        is_cancelled,
        source,
        version_number,
        valid_from,
        valid_to
    from versions
)

select * from final
  