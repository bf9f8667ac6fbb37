"""A scaled sample for benchmarks (developers only, never imported at run time).

``python -m tools.scale --factor 10 --out DIR`` writes a replayable sample dir in the bundled
sample's layout and wire formats (``ingestion/sample/``), ``factor`` times its rows: more spot
coins and perpetuals (``C0001``... beside the default coins), history back to 2018 and larger
option chains, deterministic for a seed. Then
``CRW_SAMPLE_DIR=DIR CRW_UNIVERSE_FILE=DIR/universe.yml crw run`` runs it.
"""
