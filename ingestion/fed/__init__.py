"""Federal Reserve FOMC meeting calendar (no auth), scraped from HTML.

- ``GET https://www.federalreserve.gov/monetarypolicy/fomccalendars.htm``: one
  ``div.panel`` per year headed ``<h4>YYYY FOMC Meetings</h4>``; one ``div.fomc-meeting`` per
  meeting with ``div.fomc-meeting__month`` (``January``, ``Apr/May``) and
  ``div.fomc-meeting__date`` (``28-29``, ``17-18*``, ``30-1``, ``22 (notation vote)``).
  No parameters: every fetch is the whole page (a snapshot). Older years live on other pages.
- Semantics: the decision (and the 14:00 ET statement, by convention; the page does not say) is
  on the meeting's *last* day; ``Apr/May 30-1`` ends in the second month; ``*`` marks a Summary of
  Economic Projections (``has_projections``); notation votes, unscheduled meetings and
  conference calls are skipped. Once minutes are out the row says "(Released February 21,
  2024)": that date becomes an FOMC_MINUTES event; the page gives no future minutes dates.
- Quirks: year panels are not chronological (current year first, future year last): the parser
  never relies on order. A page with no year panel or no meeting row is a PayloadError (layout
  drift), never an empty calendar.
- Incremental strategy: snapshot-only, like ``bls``: each daily partition stores the page as
  fetched for that day; staging compares fetches.
"""

SOURCE = "fed"
