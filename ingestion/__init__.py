"""Fetch and parse: one sub-package per source, each with client.py (HTTP only -> payloads),
records.py (pure: payload -> polars frame with an explicit schema) and replay.py (sample mode:
answers the client's requests from bundled wire-format payloads).

This package never imports dagster, duckdb or the warehouse (enforced by import-linter).
"""
