"""BLS release schedule (no auth): the iCalendar feed of every BLS news release.

- ``GET https://www.bls.gov/schedule/news_release/bls.ics``: one ``VEVENT`` per scheduled
  release (``UID``, ``DTSTAMP``, ``DTSTART``, ``SUMMARY``, sometimes ``STATUS:CANCELLED``). There
  are no parameters: every fetch is the whole current schedule (a snapshot).
- Access: BLS answers **403** to clients without a browser-like ``User-Agent`` (its WAF); the raw
  asset sends one (``client.USER_AGENT``). A 403 is still terminal and reported as blocked, never
  retried. Throttle: one request per run is all we make.
- Quirks handled by the parser (``records.py``, stdlib only; no ICS library is installed):
  RFC 5545 line folding (a continuation line starts with a space or tab), the non-IANA
  ``TZID=US-Eastern`` (mapped to America/New_York, so 08:30 ET is 13:30 UTC in winter and 12:30
  UTC in summer), UTC ``...Z`` times, all-day ``VALUE=DATE`` events, escaped text (``\\,``).
- Only three national releases are kept: Consumer Price Index (CPI), The Employment Situation
  (EMPLOYMENT) and Producer Price Index (PPI), matched on the *whole* title, so state, regional,
  metro and demographic releases whose titles contain the same words ("State Employment and
  Unemployment", "Employment Situation of Veterans", "Consumer Price Index, Chicago area",
  "Employment Cost Index") are dropped. "... for September 2026" gives the reference period;
  without it staging infers the month before the release.
- Reschedules: BLS moves and cancels releases (the 2025 shutdown moved September CPI from
  2025-10-15 to 2025-10-24 and cancelled October CPI). Every fetch is kept (snapshot asset with
  versioned raw rows); staging/intermediate compare fetches to derive original dates and status.
- Incremental strategy: snapshot-only. Each daily partition stores the schedule as fetched for
  that day (``date`` = the snapshot day = the run's landing partition); live mode cannot
  backfill, sample mode replays the payload version that was current on each day.
"""

SOURCE = "bls"
