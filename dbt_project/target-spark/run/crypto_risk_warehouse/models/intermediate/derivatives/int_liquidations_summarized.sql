
  
    
        create table intermediate.int_liquidations_summarized
      
      
      
      
      
      
      
      

      as
      -- Incremental: every row is one day's, so the window's days are read and rewritten.


with liquidations as (
    select * from staging.stg_coinglass__liquidations
    where true
),

summarized as (
    select
        asset,
        date,
        long_liquidation_usd,
        short_liquidation_usd,
        long_liquidation_usd + short_liquidation_usd as total_liquidation_usd,
        case
            when long_liquidation_usd + short_liquidation_usd > 0
                then long_liquidation_usd / (long_liquidation_usd + short_liquidation_usd)
        end as long_liquidation_share
    from liquidations
),

final as (
    select * from summarized
)

select * from final
where true
  