{#-
  One alert rule as a select over int_risk_inputs_joined (aliased `inputs`, one row per day and
  asset): a row per day (and asset) where `condition` holds and the rule's inputs are `fresh`.
  Arguments are SQL expressions over `inputs`, except `code` (the alert code) and `scope`:
    'asset'  one alert per asset (BTC, ETH) on its own figures (the default);
    'BTC'    the BTC row only (a rule defined on one asset);
    'market' one alert per day with a null asset (a market-wide figure, read on the BTC row).
-#}
{% macro risk_alert(code, severity, metric, threshold, condition, message, fresh, scope='asset') %}
    {%- if scope not in ('asset', 'market', 'BTC') -%}
        {{ exceptions.raise_compiler_error("risk_alert " ~ code ~ ": unknown scope " ~ scope) }}
    {%- endif %}
    select
        inputs.date,
        '{{ code }}' as alert_code,
        {% if scope == 'market' %}cast(null as string){% else %}inputs.asset{% endif %} as asset,
        {{ severity }} as severity,
        cast({{ metric }} as double) as metric_value,
        cast({{ threshold }} as double) as threshold,
        {{ message }} as message
    from {{ ref('int_risk_inputs_joined') }} as inputs
    where ({{ condition }}) and ({{ fresh }})
    {% if scope in ('market', 'BTC') %} and inputs.asset = 'BTC'{% endif %}
{% endmacro %}
