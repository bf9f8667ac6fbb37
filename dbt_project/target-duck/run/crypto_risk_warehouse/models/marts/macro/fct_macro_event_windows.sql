
    
      
    

    create  table
      "warehouse"."marts"."fct_macro_event_windows__dbt_tmp"
  
  (
    event_id varchar not null,
    event_type varchar,
    event_date date,
    offset_days integer not null,
    date date,
    btc_close double,
    btc_return_1d double,
    btc_return_since_t_minus_1 double,
    fear_greed_value integer
    
    )
 ;
    
    
    insert into "warehouse"."marts"."fct_macro_event_windows__dbt_tmp" 
  (
    
      
      
      event_id ,
    
      
      
      event_type ,
    
      
      
      event_date ,
    
      
      
      offset_days ,
    
      
      
      date ,
    
      
      
      btc_close ,
    
      
      
      btc_return_1d ,
    
      
      
      btc_return_since_t_minus_1 ,
    
      
      
      fear_greed_value 
    
  )
 (
      
    select event_id, event_type, event_date, offset_days, date, btc_close, btc_return_1d, btc_return_since_t_minus_1, fear_greed_value
    from (
        with windows as (
    select * from "warehouse"."intermediate"."int_macro_event_windows_joined"
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
    ) as model_subq
    );
  