"""The daily risk brief: one self-contained HTML page (inline SVG charts, no scripts, no
network) and the run's headline lines, rendered from plain rows that ``warehouse.brief_queries``
reads from the marts. This package never opens DuckDB nor imports Dagster (import-linter).

- ``page``: the page (``build_brief``, ``render``, ``write_brief``) and its template
- ``charts``: the inline SVG charts
- ``headline``: the lines ``crw run`` prints after a run
- ``formatting``: how numbers and missing values read, as plain text
"""
