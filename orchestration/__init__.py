"""Dagster wiring: assets, resources, partitions, schedules, sensors and checks that connect
ingestion, the warehouse and dbt. No parsing and no business SQL lives here."""
