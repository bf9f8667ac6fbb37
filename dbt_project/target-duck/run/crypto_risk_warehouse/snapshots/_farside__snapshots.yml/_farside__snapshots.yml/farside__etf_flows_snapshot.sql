
      update "warehouse"."snapshots"."farside__etf_flows_snapshot" as DBT_INTERNAL_TARGET
    set dbt_valid_to = DBT_INTERNAL_SOURCE.dbt_valid_to
    from "farside__etf_flows_snapshot__dbt_tmp20261201030613015518" as DBT_INTERNAL_SOURCE
    where DBT_INTERNAL_SOURCE.dbt_scd_id::text = DBT_INTERNAL_TARGET.dbt_scd_id::text
      and DBT_INTERNAL_SOURCE.dbt_change_type::text in ('update'::text, 'delete'::text)
      
        and DBT_INTERNAL_TARGET.dbt_valid_to is null;
      

    insert into "warehouse"."snapshots"."farside__etf_flows_snapshot" ("fund_day_key", "asset", "ticker", "issuer", "date", "flow_usd_m", "net_flow_usd", "is_reported", "site_total_usd", "page", "versions_loaded", "fetched_at", "loaded_at", "payload_sha256", "landing_path", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to", "dbt_scd_id")
    select DBT_INTERNAL_SOURCE."fund_day_key",DBT_INTERNAL_SOURCE."asset",DBT_INTERNAL_SOURCE."ticker",DBT_INTERNAL_SOURCE."issuer",DBT_INTERNAL_SOURCE."date",DBT_INTERNAL_SOURCE."flow_usd_m",DBT_INTERNAL_SOURCE."net_flow_usd",DBT_INTERNAL_SOURCE."is_reported",DBT_INTERNAL_SOURCE."site_total_usd",DBT_INTERNAL_SOURCE."page",DBT_INTERNAL_SOURCE."versions_loaded",DBT_INTERNAL_SOURCE."fetched_at",DBT_INTERNAL_SOURCE."loaded_at",DBT_INTERNAL_SOURCE."payload_sha256",DBT_INTERNAL_SOURCE."landing_path",DBT_INTERNAL_SOURCE."dbt_updated_at",DBT_INTERNAL_SOURCE."dbt_valid_from",DBT_INTERNAL_SOURCE."dbt_valid_to",DBT_INTERNAL_SOURCE."dbt_scd_id"
    from "farside__etf_flows_snapshot__dbt_tmp20261201030613015518" as DBT_INTERNAL_SOURCE
    where DBT_INTERNAL_SOURCE.dbt_change_type::text = 'insert'::text;


  