"""Binance HTTP calls: payloads only, no parsing beyond what pagination needs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta

from ingestion.errors import FetchError
from ingestion.http import SourceHttp
from ingestion.paging import ForwardTimePaginator, fetch_pages
from ingestion.payloads import Payload

SPOT_BASE_URL = "https://data-api.binance.vision"
KLINES_PAGE_LIMIT = 1000

FUTURES_BASE_URL = "https://fapi.binance.com"
FUNDING_PAGE_LIMIT = 1000
OPEN_INTEREST_PAGE_LIMIT = 500
FUTURES_KLINES_PAGE_LIMIT = 1500
# A quarterly is listed about two quarters before it delivers.
QUARTERLY_LISTED_DAYS = 200


def _ms(day: date) -> int:
    return int(datetime.combine(day, time(0), tzinfo=UTC).timestamp() * 1000)


def _window_ms(start: date, end: date) -> tuple[int, int]:
    return _ms(start), _ms(end + timedelta(days=1)) - 1


def _not_listed(exc: FetchError) -> bool:
    """Binance's answer to a symbol it does not list: HTTP 400, code -1121 Invalid symbol."""
    return exc.status == 400 and "-1121" in str(exc)


@contextmanager
def _listed(http: SourceHttp, endpoint: str, symbol: str, market: str) -> Iterator[None]:
    """A symbol the market does not list fails for that symbol only (the caller's per-symbol
    loop goes on), with an error saying so rather than a bare HTTP 400."""
    try:
        yield
    except FetchError as exc:
        if not _not_listed(exc):
            raise
        raise FetchError(
            f"{symbol} is not listed on {market} (HTTP 400, code -1121 Invalid symbol): "
            f"check its entry in the universe file; the other symbols still load",
            status=exc.status,
            source=http.source,
            endpoint=endpoint,
            landing_path=exc.landing_path,
        ) from exc


def fetch_spot_klines(http: SourceHttp, symbol: str, start: date, end: date) -> list[Payload]:
    """Daily candles whose open time falls in [start, end] (UTC days), paging forward."""
    with _listed(http, "spot_klines", symbol, "Binance spot"):
        return _fetch_klines(
            http, "spot_klines", "/api/v3/klines", symbol, start, end, KLINES_PAGE_LIMIT
        )


def _fetch_klines(
    http: SourceHttp, endpoint: str, path: str, symbol: str, start: date, end: date, limit: int
) -> list[Payload]:
    start_ms, end_ms = _window_ms(start, end)
    return fetch_pages(
        http,
        endpoint,
        path,
        {"symbol": symbol, "interval": "1d"},
        ForwardTimePaginator(start_ms, end_ms, limit, time_field=0),
    )


def fetch_funding_rates(http: SourceHttp, symbol: str, start: date, end: date) -> list[Payload]:
    """Funding prints in [start, end] (UTC days), paging forward from the last fundingTime + 1.

    The window is widened by one hour at the start so a print stamped a few ms before midnight
    (it belongs to 00:00 of ``start``) is not lost; the parser's rounding assigns its day."""
    start_ms, end_ms = _window_ms(start, end)
    with _listed(http, "funding_rates", symbol, "Binance USD-M futures"):
        return fetch_pages(
            http,
            "funding_rates",
            "/fapi/v1/fundingRate",
            {"symbol": symbol},
            ForwardTimePaginator(
                start_ms - 3_600_000, end_ms, FUNDING_PAGE_LIMIT, time_field="fundingTime"
            ),
        )


def fetch_open_interest(http: SourceHttp, symbol: str, start: date, end: date) -> list[Payload]:
    """Daily open interest (``period=1d``) in [start, end], paging forward by timestamp + 1.

    Live, only the last ~30 days exist: older days come back empty, which is why the raw table
    keeps every version instead of replacing the window."""
    start_ms, end_ms = _window_ms(start, end)
    with _listed(http, "open_interest", symbol, "Binance USD-M futures"):
        return fetch_pages(
            http,
            "open_interest",
            "/futures/data/openInterestHist",
            {"symbol": symbol, "period": "1d"},
            ForwardTimePaginator(
                start_ms, end_ms, OPEN_INTEREST_PAGE_LIMIT, time_field="timestamp"
            ),
        )


def last_friday(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    last = first_next - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - 4) % 7)


def quarterly_expiries(start: date, end: date) -> list[date]:
    """Delivery dates (last Friday of Mar/Jun/Sep/Dec) of quarterlies trading in [start, end]."""
    expiries = []
    for year in range(start.year, end.year + 2):
        for month in (3, 6, 9, 12):
            expiry = last_friday(year, month)
            listed = expiry - timedelta(days=QUARTERLY_LISTED_DAYS)
            if expiry >= start and listed <= end:
                expiries.append(expiry)
    return expiries


def quarterly_symbol(pair: str, expiry: date) -> str:
    return f"{pair}_{expiry:%y%m%d}"


def fetch_futures_klines(http: SourceHttp, pair: str, start: date, end: date) -> list[Payload]:
    """Daily candles of every quarterly delivery contract of ``pair`` trading in [start, end]."""
    payloads: list[Payload] = []
    for expiry in quarterly_expiries(start, end):
        first = max(start, expiry - timedelta(days=QUARTERLY_LISTED_DAYS))
        last = min(end, expiry)
        symbol = quarterly_symbol(pair, expiry)
        try:
            payloads.extend(
                _fetch_klines(
                    http,
                    "futures_klines",
                    "/fapi/v1/klines",
                    symbol,
                    first,
                    last,
                    FUTURES_KLINES_PAGE_LIMIT,
                )
            )
        except FetchError as exc:
            # -1121 Invalid symbol: not listed (yet, or on this calendar guess). Landed and logged
            # by the client; it has no candles. Any other failure is real and propagates.
            if not _not_listed(exc):
                raise
    return payloads
