{#- The incremental transform (README "Incremental transform"). Before dbt runs, the dbt asset
    writes one row to meta.transform_window (warehouse/transform_window.py): from_date, the
    earliest business date of any raw row loaded since the last successful build (null when
    nothing was loaded). An incremental model (materialized='incremental',
    incremental_strategy='crw_window') then
    - reads its inputs from from_date minus its own lookback: `where {{ crw_reads_since('date', N) }}`;
    - keeps only the recomputed days: `where {{ crw_keeps_window('date') }}`;
    - and the strategy below deletes its rows from from_date on (config crw_date_column, default
      `date`; a row keyed by a week's Monday: crw_window_offset_days 6) and inserts the
      recomputation.
    A full refresh (--full-refresh, a new table) builds over all history and both filters are
    `true`. The window is read from the table at run time, not passed in --vars: changing vars
    makes dbt re-parse the whole project. It is not declared as a dbt source: a source becomes a
    Dagster asset key that no asset materializes. -#}

{#- A build started by hand (no window, or the last crw run's window already consumed: see
    warehouse/transform_window.py) recomputes every day.

    The window's first day is read once per call at run time and written into the SQL as a
    literal, not as a subquery: DuckDB pushes a constant `date >= ...` down into the raw scans
    under the staging views (the sample at 100x: 6.3 M Deribit rows read for a day's ~13,000),
    and cannot push a scalar subquery. -#}
{% macro crw_from_date() -%}
    {%- set window_table = adapter.get_relation(
        database=target.database, schema='meta', identifier='transform_window'
    ) if execute else none -%}
    {%- if window_table is none -%}
        (date '1900-01-01')
    {%- else -%}
        {%- set rows = run_query(
            "select case when coalesce(consumed, false) then date '1900-01-01' else from_date end"
            ~ " from meta.transform_window"
        ).rows -%}
        {%- if rows | length == 0 or rows[0][0] is none -%}
            (cast(null as date))
        {%- else -%}
            (date '{{ (rows[0][0] | string)[:10] }}')
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- The data tests of the staging models of time series look at the days the build recomputes
    (config `where: "date >= __crw_window__"`, dbt_project.yml): older rows were tested when they
    arrived and no later load changed them (a load that does starts the window at their day). A
    full build tests every row. dbt's documented way to give `where` run-time logic: override
    get_where_subquery and replace a placeholder. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- set where = where | replace(
            '__crw_window__', 'coalesce(' ~ crw_from_date() ~ ", date '1900-01-01')"
        ) -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{% macro crw_reads_since(column, lookback_days) -%}
    {%- if is_incremental() -%}
        {{ column }} >= {{ crw_from_date() }} - {{ lookback_days }}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{% macro crw_keeps_window(column, offset_days=0) -%}
    {%- if is_incremental() -%}
        {{ column }} >= {{ crw_from_date() }} - {{ offset_days }}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{% macro get_incremental_crw_window_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set date_column = config.get('crw_date_column', 'date') -%}
    {%- set offset_days = config.get('crw_window_offset_days', 0) -%}
    {%- set dest_cols_csv = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ target }} where {{ date_column }} >= {{ crw_from_date() }} - {{ offset_days }};
    insert into {{ target }} ({{ dest_cols_csv }})
    select {{ dest_cols_csv }} from {{ arg_dict['temp_relation'] }}
    where {{ date_column }} >= {{ crw_from_date() }} - {{ offset_days }}
{%- endmacro %}

{#- The materialization of an incremental model: incremental on DuckDB; on Spark a table, since
    a Spark build is always a full build (README "Outgrowing one machine"): dbt-spark's
    incremental strategies need Delta/Iceberg for a replace-the-window merge, and the in-memory
    catalog of a session starts empty. -#}
{% macro crw_incremental() -%}
    {{ return('incremental' if target.type != 'spark' else 'table') }}
{%- endmacro %}
