"""Owns DuckDB: where it lives, the one place that opens it, schemas, transactional writes and
the BI copy. Never imports dagster or touches the network (enforced by import-linter)."""
