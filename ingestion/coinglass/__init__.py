"""CoinGlass API v4: aggregated liquidation history per coin (API key required).

- Base ``https://open-api-v4.coinglass.com``; auth header ``CG-API-KEY`` from the environment
  variable ``CRW_COINGLASS_API_KEY``, read at run time, sent only as a header (never in the URL,
  logs or landing metadata: the landing sidecar records query params only).
- ``GET /api/futures/liquidation/aggregated-history`` (symbol=BTC, interval=1d, start_time,
  end_time ms, exchange_list; parameter names partly unverified) -> ``{"code": "0", "msg":
  "success", "data": [{"time": ms, "aggregated_long_liquidation_usd": number,
  "aggregated_short_liquidation_usd": number}]}``. Success is HTTP 200 *and* ``code == "0"``
  (a string); any other code on HTTP 200 (bad params, plan limits) is an error naming it.
- Strings vs numbers: the aggregated endpoint sends JSON numbers, the pair-level one strings;
  the parser accepts both and keeps Decimal.
- Limits: per-minute quota per key (headers API-KEY-MAX-LIMIT / API-KEY-USE-LIMIT), 429 when
  exceeded (retried, honouring Retry-After); plan floors on ``interval`` (1d is allowed on all).
- Without a key in live mode the asset is *skipped* with a clear message (nothing is written,
  the rest of the run goes on); sample mode needs no key.
- Incremental strategy: each partition fetches its UTC days, in chunks of at most 1000 days.
"""

SOURCE = "coinglass"
