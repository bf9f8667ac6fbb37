{#- Every calendar day between the first and last date exists (per partition_by, if given). -#}
{% test no_date_gaps(model, column_name, partition_by=none) %}
with dates as (
    select {% if partition_by %}{{ partition_by }} as grp,{% else %}1 as grp,{% endif %}
        {{ column_name }} as day_date,
        lead({{ column_name }}) over (
            partition by {% if partition_by %}{{ partition_by }}{% else %}1{% endif %}
            order by {{ column_name }}
        ) as next_date
    from {{ model }}
)
select grp, day_date, next_date from dates where next_date is not null and {{ crw_datediff('day', 'day_date', 'next_date') }} > 1
{% endtest %}
