"""alternative.me Crypto Fear & Greed index (no auth).

- ``GET /fng/?limit=N&format=json`` on https://api.alternative.me: the latest ``N`` daily
  records, newest first; ``limit=0`` is the full history (daily since 2018-02-01). There is no
  date-range parameter.
- Wire format: ``{"name": ..., "data": [{"value": "47", "value_classification": "Neutral",
  "timestamp": "1731715200", "time_until_update": "3600"}, ...], "metadata": {"error": null}}``.
  ``value`` and ``timestamp`` are JSON strings; ``timestamp`` is Unix *seconds* at 00:00 UTC of
  the day the value belongs to; only the newest record carries ``time_until_update``.
- Errors can come with HTTP 200: ``metadata.error`` is checked on every payload.
- The classification label is stored as the provider sends it, never recomputed: third parties
  disagree on the bucket edges.
- No documented rate limit; one call per day is plenty.
- Days can be missing at the source (2024-10-26 has no record): they stay missing, never filled.
- Incremental strategy: ask for enough records to reach back from today to the window start
  (plus a margin for source gaps), or the full history for old windows; the parser returns every
  record of the payload and the loader keeps the window.
"""

SOURCE = "alternative_me"
