"""Deribit public market data over JSON-RPC via HTTP GET (no auth for ``public/*``).

- Envelope: ``{"jsonrpc": "2.0", "result": ..., "usIn": .., "usOut": .., "usDiff": .., "testnet":
false}``;
  errors ``{"jsonrpc": "2.0", "error": {"code": 10028, "message": "too_many_requests"}}`` (HTTP 400
  or 429; the exact status is unverified). An ``error`` member is never data: the parsers raise.
- DVOL ``public/get_volatility_index_data`` (currency, start_timestamp, end_timestamp ms,
  resolution ``1D``): ``result.data`` = ``[[ts_ms, open, high, low, close], ...]`` oldest first,
  ``result.continuation`` = the ``end_timestamp`` of the next (older) page, or null when done:
  pages go *backwards*. Values are vol points (e.g. 45.3), JSON numbers.
- Book summaries ``public/get_book_summary_by_currency`` (currency, kind=option|future): the
  *current* state only (24h rolling volume, mark price/IV, OI, underlying) -> a snapshot asset
  taken once a day at a fixed time (00:05 UTC), labelled with the UTC day that just closed (the
  snapshot is that day's close, like a daily candle). Many fields are nullable (``mark_iv``,
  bid/ask, last, high/low). Instrument names: ``BTC-PERPETUAL``, ``BTC-27JUN25`` (dated future),
  ``BTC-5JAN24-42000-C`` (option; the day has no leading zero), and ``BTC-FS-27DEC24_PERP``
  calendar spreads under kind=future, kept in raw as ``future_combo`` and excluded downstream.
  Expiries settle at 08:00 UTC.
- Limits: credit-based leaky bucket (~20 req/s sustained, burst ~100); on exhaustion
  ``too_many_requests`` (code 10028): the client backs off and retries a bounded number of
  times, then fails with a message saying so.
- Incremental strategy: DVOL fetches each partition's days (paging backwards); book summaries
  cannot be backfilled live (the sample replays one snapshot per day).
"""

SOURCE = "deribit"
