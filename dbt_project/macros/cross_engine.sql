{#- The SQL the two engines spell differently (README "Outgrowing one machine"). Models call
    these macros; each dispatches to duckdb__ (the default) or spark__. Everything else in the
    models is SQL both engines read the same way (qualify, filter, max_by/min_by, date + n,
    date_trunc, values lists, window functions). -#}

{#- A number as text with `places` decimals ('%.1f'). -#}
{% macro crw_fixed(expr, places) -%}
    {{ return(adapter.dispatch('crw_fixed')(expr, places)) }}
{%- endmacro %}
{% macro default__crw_fixed(expr, places) -%}
    printf('%.{{ places }}f', {{ expr }})
{%- endmacro %}
{% macro spark__crw_fixed(expr, places) -%}
    format_string('%.{{ places }}f', cast({{ expr }} as double))
{%- endmacro %}

{#- A number as text with thousands separators and no decimals ('1,234,568'). -#}
{% macro crw_thousands(expr) -%}
    {{ return(adapter.dispatch('crw_thousands')(expr)) }}
{%- endmacro %}
{% macro default__crw_thousands(expr) -%}
    format('{:,.0f}', {{ expr }})
{%- endmacro %}
{% macro spark__crw_thousands(expr) -%}
    format_number(cast({{ expr }} as double), 0)
{%- endmacro %}

{#- The texts of a group joined by `delimiter`, in the order of `order_by`. -#}
{% macro crw_string_agg(expr, delimiter, order_by) -%}
    {{ return(adapter.dispatch('crw_string_agg')(expr, delimiter, order_by)) }}
{%- endmacro %}
{% macro default__crw_string_agg(expr, delimiter, order_by) -%}
    string_agg({{ expr }}, {{ delimiter }} order by {{ order_by }})
{%- endmacro %}
{% macro spark__crw_string_agg(expr, delimiter, order_by) -%}
    string_agg({{ expr }}, {{ delimiter }}) within group (order by {{ order_by }})
{%- endmacro %}

{#- A date's ISO day of the week: 1 (Monday) .. 7 (Sunday). -#}
{% macro crw_iso_day_of_week(expr) -%}
    {{ return(adapter.dispatch('crw_iso_day_of_week')(expr)) }}
{%- endmacro %}
{% macro default__crw_iso_day_of_week(expr) -%}
    isodow({{ expr }})
{%- endmacro %}
{% macro spark__crw_iso_day_of_week(expr) -%}
    extract(dayofweek_iso from {{ expr }})
{%- endmacro %}

{#- The UTC instant of a local wall-clock time ('14:00:00') on a date in a time zone. -#}
{% macro crw_local_time_utc(date_expr, wall_time, time_zone) -%}
    {{ return(adapter.dispatch('crw_local_time_utc')(date_expr, wall_time, time_zone)) }}
{%- endmacro %}
{% macro default__crw_local_time_utc(date_expr, wall_time, time_zone) -%}
    timezone('{{ time_zone }}', {{ date_expr }} + time '{{ wall_time }}')
{%- endmacro %}
{% macro spark__crw_local_time_utc(date_expr, wall_time, time_zone) -%}
    to_utc_timestamp(
        cast(concat(cast({{ date_expr }} as string), ' {{ wall_time }}') as timestamp),
        '{{ time_zone }}'
    )
{%- endmacro %}

{#- One row per day from `start_date` to `end_date` (inclusive), as a select-list expression
    (a generator: use it alone in its select, then cast to date). -#}
{% macro crw_days_between(start_date, end_date) -%}
    {{ return(adapter.dispatch('crw_days_between')(start_date, end_date)) }}
{%- endmacro %}
{% macro default__crw_days_between(start_date, end_date) -%}
    unnest(generate_series({{ start_date }}, {{ end_date }}, interval 1 day))
{%- endmacro %}
{% macro spark__crw_days_between(start_date, end_date) -%}
    explode(sequence({{ start_date }}, {{ end_date }}, interval 1 day))
{%- endmacro %}

{#- Whole `unit`s (day, hour, second) from `start` to `end`, counted as DuckDB's date_diff
    counts them: the unit boundaries crossed (null when either is null). -#}
{% macro crw_datediff(unit, start, end) -%}
    {{ return(adapter.dispatch('crw_datediff')(unit, start, end)) }}
{%- endmacro %}
{% macro default__crw_datediff(unit, start, end) -%}
    date_diff('{{ unit }}', {{ start }}, {{ end }})
{%- endmacro %}
{% macro spark__crw_datediff(unit, start, end) -%}
    {%- if unit == 'day' -%}
        datediff({{ end }}, {{ start }})
    {%- elif unit == 'hour' -%}
        (floor(unix_timestamp({{ end }}) / 3600) - floor(unix_timestamp({{ start }}) / 3600))
    {%- elif unit == 'second' -%}
        (unix_timestamp({{ end }}) - unix_timestamp({{ start }}))
    {%- else -%}
        {{ exceptions.raise_compiler_error("crw_datediff: unit " ~ unit ~ " is not ported") }}
    {%- endif -%}
{%- endmacro %}

{#- An as-of join: each left row meets the `relation` row with the same `keys` and the latest
    `date_column` on or before `left_date` (`kind` left or inner). DuckDB runs its ASOF join;
    Spark, which has none, joins each right row on the days it is the latest, from its date to
    the next row's (lead), which gives the same match when the right side has one row per key
    and date. `keys`: a list of (left expression, right column) pairs. -#}
{% macro crw_asof_join(kind, relation, left_date, date_column, keys=[], alias=none) -%}
    {{ return(adapter.dispatch('crw_asof_join')(kind, relation, left_date, date_column, keys, alias or relation)) }}
{%- endmacro %}
{% macro default__crw_asof_join(kind, relation, left_date, date_column, keys, alias) -%}
    asof {{ kind }} join {{ relation }}{% if alias != relation %} as {{ alias }}{% endif %}
        on
            {% for left, right in keys -%}
            {{ left }} = {{ alias }}.{{ right }} and
            {% endfor -%}
            {{ left_date }} >= {{ alias }}.{{ date_column }}
{%- endmacro %}
{% macro spark__crw_asof_join(kind, relation, left_date, date_column, keys, alias) -%}
    {{ kind }} join (
        select
            *,
            lead({{ date_column }}) over (
                {% if keys %}partition by {{ keys | map(attribute=1) | join(', ') }}{% endif %}
                order by {{ date_column }}
            ) as crw_asof_valid_to
        from {{ relation }}
    ) as {{ alias }}
        on
            {% for left, right in keys -%}
            {{ left }} = {{ alias }}.{{ right }} and
            {% endfor -%}
            {{ left_date }} >= {{ alias }}.{{ date_column }}
            and ({{ alias }}.crw_asof_valid_to is null or {{ left_date }} < {{ alias }}.crw_asof_valid_to)
{%- endmacro %}
