{#- Every calendar day between the first and last date exists (per partition_by, if given). -#}
{% test no_date_gaps(model, column_name, partition_by=none) %}
with dates as (
    select {% if partition_by %}{{ partition_by }} as grp,{% else %}1 as grp,{% endif %}
        {{ column_name }} as d,
        lead({{ column_name }}) over (
            partition by {% if partition_by %}{{ partition_by }}{% else %}1{% endif %}
            order by {{ column_name }}
        ) as next_d
    from {{ model }}
)
select grp, d, next_d from dates where next_d is not null and next_d - d > 1
{% endtest %}
