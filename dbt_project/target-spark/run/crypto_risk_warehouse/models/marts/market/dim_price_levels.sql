
  
    
        create table marts.dim_price_levels
      
      
      
      
      
      
      
      

      as
      with levels as (
    select * from seeds.price_levels
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
  