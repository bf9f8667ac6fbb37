
    
      
    

    create  table
      "warehouse"."marts"."dim_macro_events__dbt_tmp"
  
  (
    event_id varchar not null,
    event_type varchar not null,
    scheduled_date date not null,
    scheduled_at_utc timestamp with time zone,
    original_scheduled_date date not null,
    status varchar not null,
    reference_period varchar,
    has_projections boolean,
    is_rescheduled boolean,
    first_seen_date date,
    as_of_date date
    
    )
 ;
    
    
    insert into "warehouse"."marts"."dim_macro_events__dbt_tmp" 
  (
    
      
      
      event_id ,
    
      
      
      event_type ,
    
      
      
      scheduled_date ,
    
      
      
      scheduled_at_utc ,
    
      
      
      original_scheduled_date ,
    
      
      
      status ,
    
      
      
      reference_period ,
    
      
      
      has_projections ,
    
      
      
      is_rescheduled ,
    
      
      
      first_seen_date ,
    
      
      
      as_of_date 
    
  )
 (
      
    select event_id, event_type, scheduled_date, scheduled_at_utc, original_scheduled_date, status, reference_period, has_projections, is_rescheduled, first_seen_date, as_of_date
    from (
        with events as (
    select * from "warehouse"."intermediate"."int_macro_events_enriched"
),

final as (
    select
        event_id,
        event_type,
        scheduled_date,
        scheduled_at_utc,
        original_scheduled_date,
        status,
        reference_period,
        has_projections,
        is_rescheduled,
        first_seen_date,
        as_of_date
    from events
)

select * from final
    ) as model_subq
    );
  