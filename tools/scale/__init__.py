"""A scaled sample for benchmarks (developers only, never imported at run time).

``python -m tools.scale --factor 10 --out DIR`` writes a replayable sample dir in the bundled
sample's layout and wire formats (``ingestion/sample/``), ``factor`` times its rows: more spot
coins and perpetuals (``C0001``... beside the default coins), history back to 2018 and larger
option chains, deterministic for a seed. Then
``CRW_SAMPLE_DIR=DIR CRW_UNIVERSE_FILE=DIR/universe.yml crw run`` runs it (the window comes
from ``DIR/sample.json``).

Beyond the bundled layout, a generated dir holds ``recent/`` (the last 35 days of each time
series, which the replay serves a daily run's pages from) and the Deribit books as one file
per day (``deribit/book_summaries/<COIN>_<kind>/<day>.json.gz``); see ``generate.py``.
"""
