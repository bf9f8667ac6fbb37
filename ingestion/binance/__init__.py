"""Binance public market data (no auth).

Spot (host data-api.binance.vision):

- Spot daily klines ``GET /api/v3/klines``: 12-element arrays, prices and volumes as JSON strings,
  times in ms. Pages of at most 1000 rows from ``startTime``; the next page starts at the last
  ``open_time + 1``. The newest candle is still open (``close_time`` in the future): it is kept but
  flagged ``is_closed = false`` and staging drops it, so tomorrow's run replaces it with the
  closed one.

USD-M futures (host fapi.binance.com):

- Funding history ``GET /fapi/v1/fundingRate`` (symbol, startTime, endTime, limit <= 1000): objects
  ``{symbol, fundingRate:str, fundingTime:int ms, markPrice:str}``, oldest first; the next page
  starts at the last ``fundingTime + 1``. ``fundingTime`` is often a few ms past the hour
  (``...00:00.001``), so a print's hour and UTC day come from rounding to the nearest hour.
  The interval is per symbol (8h for most, 4h for some, changed by Binance at will): nothing here
  assumes it; staging infers it from the gap between consecutive prints and the daily figure is
  the sum of the day's prints (right for 4h and 8h alike). ``markPrice`` may be empty on old prints.
  Shares a 500 requests / 5 min / IP budget with ``/fapi/v1/fundingInfo``.
- Open interest ``GET /futures/data/openInterestHist`` (``period=1d``, limit <= 500): objects
  ``{symbol, sumOpenInterest:str (coin), sumOpenInterestValue:str (USD), timestamp:int ms}``.
  Only the latest ~30 days are served, so a load merges on (symbol, day) (``merge_on``): it
  replaces only the days an answer returns and never deletes a day the API no longer serves.
  The bundled sample serves its whole synthetic history (standing in for the one-off backfill
  from the data.binance.vision archive).
- Quarterly delivery klines ``GET /fapi/v1/klines?symbol=BTCUSDT_YYMMDD&interval=1d`` (same 12
  columns as spot, limit <= 1500). Quarterlies deliver at 08:00 UTC on the last Friday of
  Mar/Jun/Sep/Dec and are listed about two quarters ahead, so the client derives the candidate
  symbols for a window from that calendar; a symbol the exchange does not know (HTTP 400, code
  -1121) simply has no candles. The roll (front quarter = nearest with >= 7 days to expiry) is
  dbt's.

Limits and errors: weights are per IP; HTTP 429/418 carry Retry-After (retried, bounded); HTTP 451
is the US geo-block and is terminal (``SourceBlockedError``, no retry, the asset fails with that
message while the other sources' assets still run). Error bodies ``{"code": -1121, "msg": ...}``
(sometimes on HTTP 200 from proxies) are rejected by the parsers.

Incremental strategy: each daily partition fetches its UTC days; backfills fetch the whole window
in one paginated pass per symbol.
"""

SOURCE = "binance"
