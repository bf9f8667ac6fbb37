
    
      
    

    create  table
      "warehouse"."marts"."fct_macro_event_versions__dbt_tmp"
  
  (
    event_id varchar not null,
    event_type varchar,
    reference_period varchar,
    scheduled_date date,
    scheduled_at_utc timestamp with time zone,
    has_projections boolean,
    is_cancelled boolean,
    source varchar,
    version_number integer not null,
    valid_from timestamp with time zone not null,
    valid_to timestamp with time zone
    
    )
 ;
    
    
    insert into "warehouse"."marts"."fct_macro_event_versions__dbt_tmp" 
  (
    
      
      
      event_id ,
    
      
      
      event_type ,
    
      
      
      reference_period ,
    
      
      
      scheduled_date ,
    
      
      
      scheduled_at_utc ,
    
      
      
      has_projections ,
    
      
      
      is_cancelled ,
    
      
      
      source ,
    
      
      
      version_number ,
    
      
      
      valid_from ,
    
      
      
      valid_to 
    
  )
 (
      
    select event_id, event_type, reference_period, scheduled_date, scheduled_at_utc, has_projections, is_cancelled, source, version_number, valid_from, valid_to
    from (
        with versions as (
    select * from "warehouse"."intermediate"."int_macro_event_versions_ranged"
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
    ) as model_subq
    );
  