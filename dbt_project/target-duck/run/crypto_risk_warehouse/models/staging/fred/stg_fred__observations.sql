
  
  create view "warehouse"."staging"."stg_fred__observations__dbt_tmp" as (
    with source as (
    select * from "warehouse"."raw_fred"."observations"
),

renamed as (
    select
        series_id,
        date,
        cast(value as double) as value,
        _loaded_at
    from source
    where value is not null
),

final as (
    select * from renamed
)

select * from final
  );
