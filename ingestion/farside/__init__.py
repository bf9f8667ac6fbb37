"""Farside Investors US spot ETF flow pages (HTML scraping, no API, no auth).

- Pages: BTC ``/bitcoin-etf-flow-all-data/`` (full history) and ``/btc/`` (recent rows); ETH
  ``/ethereum-etf-flow-all-data/`` and ``/eth/``; SOL ``/sol/`` (recent page only: the SOL funds
  started trading in late October 2025). Base URL ``https://farside.co.uk``, overridable with
  ``CRW_FARSIDE_BASE_URL``.
- Layout: one ``<table class="etf">``; ``<thead>`` holds up to three header rows (issuer names,
  tickers, fees) and a ``Total`` column; ``<tbody>`` holds one row per date (``DD Mon YYYY``)
  followed by ``Total``/``Average``/``Maximum``/``Minimum`` footer rows. Cells are US$ millions,
  one decimal, thousands separators, negatives in parentheses (``(95.1)``), ``-`` or an en dash
  for "not reported". Fund columns are mapped by header text, never by position: funds are
  added over time.
- Traps: US market holidays and the current, not yet tallied day are rows where every fund is
  ``-`` but ``Total`` shows ``0.0``: they are not trading-day rows and are dropped at parse. A
  single ``-`` is a fund that has not reported (late reporter): null, never zero. The site Total
  is kept next to every fund row so dbt can cross-check it against the sum of the funds.
- Limits: none documented; fetch once or twice a day. Cloudflare blocks many non-browser
  clients: HTTP 403 is terminal (SourceBlockedError) and a 200 page without the flow table
  (a challenge page) is a PayloadError, never an empty result.
- Incremental strategy and revisions: late reporters are filled in days later, so every run
  re-fetches a trailing window of US trading days (``CRW_FARSIDE_REFETCH_DAYS``, default 10)
  before the partition. The recent page is fetched first; the full-history page only when the
  recent page does not reach back to the window start (backfills). Raw keeps every published
  version (one row per asset, ticker, date and payload); staging takes the latest and a dbt
  snapshot keeps each fund-day's history.
"""

SOURCE = "farside"
