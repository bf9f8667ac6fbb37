{#- Every build of a mart leaves a row in meta.mart_builds (a post-hook on every mart,
    dbt_project.yml): which days it rewrote, so the BI copy (warehouse/publish.py) rewrites only
    those days of its own copy instead of every mart's whole history. `rebuilt_all`: the table was
    built over every day (a table model, a full refresh, a first build); otherwise the rows from
    `from_date` on (in `date_column`) were replaced. An incremental build with nothing loaded
    (no window) changed nothing and leaves no row. DuckDB only: a Spark build's marts are loaded
    into DuckDB by warehouse/spark_marts.py, which records them rebuilt. -#}
{% macro crw_record_mart_build() -%}
    {%- if target.type == 'duckdb' -%}
        {%- set date_column = config.get('crw_date_column', 'date') -%}
        {%- if is_incremental() -%}
            {%- set from_date = crw_from_date() | trim -%}
            {%- if from_date == '(cast(null as date))' -%}
                {{ return('') }}
            {%- endif -%}
            {%- set rebuilt_all = 'false' -%}
            {%- set from_sql = from_date ~ ' - ' ~ config.get('crw_window_offset_days', 0) -%}
        {%- else -%}
            {%- set rebuilt_all = 'true' -%}
            {%- set from_sql = 'cast(null as date)' -%}
        {%- endif -%}
        insert into meta.mart_builds
        values ('{{ this.identifier }}', '{{ date_column }}', {{ from_sql }}, {{ rebuilt_all }}, now())
    {%- endif -%}
{%- endmacro %}

{#- The log table, made before any model runs (on-run-start): marts build on two threads, and two
    transactions creating it at once conflict in DuckDB's catalog. -#}
{% macro crw_create_mart_builds() -%}
    {%- if target.type == 'duckdb' -%}
        create schema if not exists meta;
        create table if not exists meta.mart_builds (
            model varchar not null, date_column varchar, from_date date,
            rebuilt_all boolean not null, built_at timestamptz not null
        )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
