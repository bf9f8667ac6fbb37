"""Bybit v5 public market data (no auth), the second venue for funding and open interest
(Binance answers HTTP 451 to US hosts).

- Envelope: ``{"retCode": 0, "retMsg": "OK", "result": {...}, "retExtInfo": {}, "time": ms}``.
  A non-zero ``retCode`` (often on HTTP 200) is an error: the parsers raise, naming the code.
- Funding history ``GET /v5/market/funding/history`` (category=linear, symbol, startTime, endTime,
  limit <= 200): ``result.list`` of ``{symbol, fundingRate:str, fundingRateTimestamp:str ms}``,
  newest first. ``startTime`` alone is an error (retCode 10001), so both bounds are always sent;
  a full page means more: the next request ends just before the oldest print received.
  The funding interval is per symbol (8h or 4h): staging infers it, the daily figure sums prints.
- Open interest ``GET /v5/market/open-interest`` (category=linear, intervalTime=1d, startTime,
  endTime, limit <= 200, cursor): ``result.list`` of ``{openInterest:str (coin), timestamp:str ms}``
  newest first, ``result.nextPageCursor`` (empty when done) passed back as ``cursor``. No USD
  value: dbt values it at the spot open of the day (the OI is stamped 00:00 UTC).
- Limits: 600 requests / 5 s / IP across api.bybit.com; beyond that HTTP 403 "access too
  frequent" for >= 10 minutes (terminal here: the asset fails, re-run later). 429/5xx are retried.
- Numbers and timestamps are JSON strings.
- Incremental strategy: each partition fetches its UTC days; backfills page the whole window.
"""

SOURCE = "bybit"
