
    
      
    

    create  table
      "warehouse"."marts"."dim_price_levels__dbt_tmp"
  
  (
    asset varchar not null,
    level double not null,
    kind varchar not null,
    label varchar
    
    )
 ;
    
    
    insert into "warehouse"."marts"."dim_price_levels__dbt_tmp" 
  (
    
      
      
      asset ,
    
      
      
      level ,
    
      
      
      kind ,
    
      
      
      label 
    
  )
 (
      
    select asset, level, kind, label
    from (
        with levels as (
    select * from "warehouse"."seeds"."price_levels"
),

final as (
    select
        asset,
        level,
        kind,
        label
    from levels
)

select * from final
    ) as model_subq
    );
  