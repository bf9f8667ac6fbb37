
    
      
    

    create  table
      "warehouse"."marts"."fct_risk_alerts__dbt_tmp"
  
  (
    date date not null,
    alert_code varchar not null,
    asset varchar,
    severity varchar not null,
    metric_value double,
    threshold double,
    message varchar not null
    
    )
 ;
    
    
    insert into "warehouse"."marts"."fct_risk_alerts__dbt_tmp" 
  (
    
      
      
      date ,
    
      
      
      alert_code ,
    
      
      
      asset ,
    
      
      
      severity ,
    
      
      
      metric_value ,
    
      
      
      threshold ,
    
      
      
      message 
    
  )
 (
      
    select date, alert_code, asset, severity, metric_value, threshold, message
    from (
        with alerts as (
    select * from "warehouse"."intermediate"."int_risk_alerts_evaluated"
),

final as (
    select
        date,
        alert_code,
        asset,
        severity,
        metric_value,
        threshold,
        message
    from alerts
)

select * from final
    ) as model_subq
    );
  