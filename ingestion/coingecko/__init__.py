"""CoinGecko global market snapshot.

- ``GET /api/v3/global`` on https://api.coingecko.com: the *current* state only (cached ~10 min),
  no history and no date parameter. The warehouse builds history by snapshotting once a day;
  live mode cannot backfill, sample mode replays one bundled snapshot per day.
- Auth: keyless works; a Demo key (``CRW_COINGECKO_API_KEY``) is sent in the
  ``x-cg-demo-api-key`` header, never in the URL. Demo plans allow ~30 calls/min and 10,000
  calls/month, failures included; throttling is HTTP 429 (retried by the shared client).
- Wire format: ``{"data": {"active_cryptocurrencies": int, "total_market_cap": {"usd": num},
  "total_volume": {"usd": num}, "market_cap_percentage": {"btc": num, "eth": num, ...},
  "updated_at": int}}``. Numbers are JSON numbers; dominance is in percent points (54.1) and is
  stored as a fraction (0.541); ``updated_at`` is Unix *seconds* and its UTC day is the row's date.
- Error bodies (``{"status": {"error_code": 429, "error_message": ...}}`` or ``{"error": ...}``)
  can arrive with HTTP 200 and are PayloadError.
- Incremental strategy: one call per daily partition, the snapshot of that day.
"""

SOURCE = "coingecko"
