
    
      
    

    create  table
      "warehouse"."marts"."fct_pulse_records_daily__dbt_tmp"
  
  (
    metric varchar not null,
    date date not null,
    value double not null,
    highest_since date,
    lowest_since date,
    first_date date not null
    
    )
 ;
    
    
    insert into "warehouse"."marts"."fct_pulse_records_daily__dbt_tmp" 
  (
    
      
      
      metric ,
    
      
      
      date ,
    
      
      
      value ,
    
      
      
      highest_since ,
    
      
      
      lowest_since ,
    
      
      
      first_date 
    
  )
 (
      
    select metric, date, value, highest_since, lowest_since, first_date
    from (
        with records as (
    select * from "warehouse"."intermediate"."int_pulse_records_computed"
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
    ) as model_subq
    );
  