"""FRED daily series through the keyless graph CSV export.

- ``GET /graph/fredgraph.csv?id=<SERIES>&cosd=YYYY-MM-DD&coed=YYYY-MM-DD`` on
  https://fred.stlouisfed.org: no API key, no documented rate limit (throttling answers 429).
  One series per call, so every payload names exactly one series.
- Wire format: ``observation_date,<SERIES>`` then one row per weekday. The first column was
  called ``DATE`` until late 2024; both are accepted. A missing value (a US market holiday) is
  ``.`` or a blank field on a complete line: it becomes null, never zero. The body always ends
  with a newline; one that does not (``2025-11-14,`` cut after the comma), or a last row with
  fewer fields than the header, is a cut body: PayloadError naming the line and field, never a
  missing value.
- Error shapes: an unknown series or an outage returns an HTML page, sometimes with HTTP 200;
  a header naming another series is drift. Both are PayloadError.
- Series: ``NASDAQ100`` (needed for the BTC–NDX correlation), ``SP500`` and ``VIXCLS`` for
  context. Values are revised (vintages): the window is re-fetched and replaced.
- Incremental strategy: each run asks for exactly its window with ``cosd``/``coed``.
"""

SOURCE = "fred"
