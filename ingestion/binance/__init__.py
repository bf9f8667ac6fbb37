"""Binance public market data (no auth).

- Spot daily klines ``GET /api/v3/klines`` on the market-data-only base (data-api.binance.vision):
  12-element arrays, prices and volumes as JSON strings, times in ms. Pages of at most 1000 rows
  from ``startTime``; the next page starts at the last ``open_time + 1``. The newest candle is
  still open (``close_time`` in the future): it is kept but flagged ``is_closed = false`` and
  staging drops it, so tomorrow's run replaces it with the closed one.
- Weight 2 per call; limits are per IP. HTTP 429/418 carry Retry-After; HTTP 451 is the US
  geo-block and is terminal (no retry).
- Error bodies: ``{"code": -1121, "msg": "Invalid symbol."}``, sometimes with HTTP 200 from
  proxies: the parser rejects any object where an array is expected.
- Incremental strategy: each daily partition fetches exactly its UTC days for every symbol;
  backfills fetch the whole window in one paginated pass.
"""

SOURCE = "binance"
