{#- The Spark engine's sources (README "Outgrowing one machine"). Every raw load also writes
    its rows to the raw lake as Parquet (warehouse/lake.py): <lake_dir>/<schema>/<table>/
    month=YYYY-MM/part-0.parquet, the exact columns of the DuckDB raw table. Before a Spark build,
    each source of the project becomes an external table over its directory, so
    `{{ source(...) }}` renders the same `<schema>.<table>` on both engines. Files are read with
    recursiveFileLookup (no partition column is added) and mergeSchema (a month written before a
    new field appeared reads it as null). On DuckDB the sources are the raw tables themselves.
    Called from on-run-start in dbt_project.yml. -#}
{% macro crw_register_lake() -%}
    {{ return(adapter.dispatch('crw_register_lake')()) }}
{%- endmacro %}

{% macro default__crw_register_lake() -%}
    select 1
{%- endmacro %}

{% macro spark__crw_register_lake() -%}
    {%- if execute -%}
        {%- set lake_dir = var('lake_dir', none) -%}
        {%- if lake_dir is none -%}
            {{ exceptions.raise_compiler_error(
                "the Spark target reads the raw lake: pass --vars {lake_dir: <dir>} "
                ~ "(crw run --engine spark does)") }}
        {%- endif -%}
        {%- set schemas = [] -%}
        {%- for source in graph.sources.values() -%}
            {%- if source.schema not in schemas -%}
                {%- do schemas.append(source.schema) -%}
                {%- do run_query('create database if not exists ' ~ source.schema) -%}
            {%- endif -%}
            {%- set path = lake_dir ~ '/' ~ source.schema ~ '/' ~ source.identifier -%}
            {%- do run_query('drop table if exists ' ~ source.schema ~ '.' ~ source.identifier) -%}
            {%- do run_query(
                'create table ' ~ source.schema ~ '.' ~ source.identifier
                ~ " using parquet options (path '" ~ path
                ~ "', recursiveFileLookup 'true', mergeSchema 'true')"
            ) -%}
        {%- endfor -%}
    {%- endif -%}
    select 1
{%- endmacro %}
