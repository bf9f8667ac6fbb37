"""Builders of the bundled sample in ``ingestion/sample/`` from the real public history in
``../shared/data/real`` (developers only: ``make sample``)."""
