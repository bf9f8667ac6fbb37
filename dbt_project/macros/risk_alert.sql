{#-
  One alert rule as a select over int_risk_inputs_joined (aliased `i`): a row per date (and
  asset) where `condition` holds and the rule's inputs are fresh.
-#}
{% macro risk_alert(code, severity, metric, threshold, condition, message, fresh, asset='i.asset', per_asset=true) %}
    select
        i.date,
        '{{ code }}' as alert_code,
        {% if per_asset %}{{ asset }}{% else %}cast(null as varchar){% endif %} as asset,
        {{ severity }} as severity,
        cast({{ metric }} as double) as metric_value,
        cast({{ threshold }} as double) as threshold,
        {{ message }} as message
    from {{ ref('int_risk_inputs_joined') }} as i
    where ({{ condition }}) and ({{ fresh }})
    {% if not per_asset %} and i.asset = 'BTC'{% endif %}
{% endmacro %}
