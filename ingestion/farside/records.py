"""Pure parsers: a Farside flow page (HTML) -> long polars frame, one row per fund and date.

The stdlib ``html.parser`` is enough for Farside's flat tables and keeps the dependency list
short. Cells become Decimal US$ millions; ``-`` (or a dash variant) is null, never zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser

import polars as pl

from ingestion.payloads import Payload

USD_M = pl.Decimal(18, 2)

RAW_ETF_FLOWS_SCHEMA: dict[str, pl.DataType] = {
    "asset": pl.String(),
    "page": pl.String(),
    "date": pl.Date(),
    "ticker": pl.String(),
    "issuer": pl.String(),
    "flow_usd_m": USD_M,
    "site_total_usd_m": USD_M,
    "fetched_at": pl.Datetime("us", "UTC"),
}

PAGE_KINDS = ("all_data", "recent")
FOOTER_LABELS = frozenset({"total", "average", "maximum", "minimum"})
# Hyphen, en dash, em dash, minus sign: all mean "no figure" on Farside.
NOT_REPORTED = frozenset({"-", "\u2013", "\u2014", "\u2212", ""})
TICKER = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_CHALLENGE_HINTS = (
    "just a moment",
    "cf-chl",
    "challenge-platform",
    "attention required",
    "captcha",
)


@dataclass
class _Cell:
    text: str
    header: bool


@dataclass
class _Table:
    classes: tuple[str, ...]
    head: list[list[_Cell]] = field(default_factory=list)
    body: list[list[_Cell]] = field(default_factory=list)


class _TableCollector(HTMLParser):
    """Collects every table's rows as cell texts (colspan expanded, inner tags flattened)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self._stack: list[_Table] = []
        self._section: str = "tbody"
        self._row: list[_Cell] | None = None
        self._cell: list[str] | None = None
        self._cell_header = False
        self._colspan = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table":
            table = _Table(tuple((attributes.get("class") or "").split()))
            self.tables.append(table)
            self._stack.append(table)
            self._section = "tbody"
        elif not self._stack:
            return
        elif tag in ("thead", "tbody", "tfoot"):
            self._section = tag
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
            self._cell_header = tag == "th"
            try:
                self._colspan = max(1, int(attributes.get("colspan") or 1))
            except ValueError:
                self._colspan = 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            return
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            text = " ".join("".join(self._cell).replace("\xa0", " ").split())
            self._row.extend(_Cell(text, self._cell_header) for _ in range(self._colspan))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            table = self._stack[-1]
            if self._section == "thead":
                table.head.append(self._row)
            elif self._section == "tbody":
                table.body.append(self._row)
            # tfoot rows are summaries (totals, averages): never data.
            self._row = None
        elif tag in ("thead", "tfoot"):
            self._section = "tbody"
        elif tag == "table":
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse_flow_value(text: str) -> Decimal | None:
    """``1,045.0`` -> 1045.0, ``(95.1)`` -> -95.1, ``-`` -> None. Raises ValueError otherwise."""
    cleaned = text.strip().replace(",", "").replace(" ", "")
    if cleaned in NOT_REPORTED:
        return None
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    if negative:
        cleaned = cleaned[1:-1]
    if not _NUMBER.match(cleaned):
        raise ValueError(f"not a US$ m figure: {text!r}")
    try:
        number = Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise ValueError(f"not a US$ m figure: {text!r}") from exc
    return -number if negative else number


def parse_flow_date(text: str) -> date | None:
    """``11 Jan 2024`` -> date(2024, 1, 11); None when the cell is not a date."""
    try:
        return datetime.strptime(text.strip(), "%d %b %Y").date()
    except ValueError:
        return None


def _page_identity(payload: Payload) -> tuple[str, str]:
    """Endpoints are named ``<asset>_<page kind>`` by the client (e.g. ``btc_all_data``)."""
    asset, _, kind = payload.endpoint.partition("_")
    # The asset is whichever the universe asked for; the client names the endpoint.
    if not asset.isalnum() or kind not in PAGE_KINDS:
        raise payload.error(f"unknown Farside page endpoint {payload.endpoint!r}", field="endpoint")
    return asset.upper(), kind


def _flow_table(payload: Payload) -> _Table:
    text = payload.html_text()
    collector = _TableCollector()
    try:
        collector.feed(text)
        collector.close()
    except Exception as exc:  # html.parser is lenient; anything it raises is a broken page
        raise payload.error(f"unparseable HTML: {exc}") from exc
    tables = [t for t in collector.tables if "etf" in t.classes]
    if not tables:
        lowered = text[:5000].lower()
        hint = (
            " (looks like a Cloudflare/bot challenge page: the site is blocking this client)"
            if any(h in lowered for h in _CHALLENGE_HINTS)
            else " (blocked, moved, or the layout changed)"
        )
        raise payload.error(
            f'no <table class="etf"> in the page{hint}; body starts {text[:120]!r}',
            field="table.etf",
        )
    if len(tables) > 1:
        raise payload.error(
            f'{len(tables)} <table class="etf"> elements; expected one', field="table.etf"
        )
    return tables[0]


@dataclass(frozen=True)
class _Columns:
    total: int
    funds: dict[int, tuple[str, str | None]]  # column index -> (ticker, issuer)
    width: int


def _header_columns(payload: Payload, head: list[list[_Cell]]) -> _Columns:
    if not head:
        raise payload.error("flow table has no header rows", field="thead")
    width = max(len(row) for row in head)
    rows = [[c.text for c in row] + [""] * (width - len(row)) for row in head]
    total_columns = [j for j in range(width) if any(r[j].lower() == "total" for r in rows)]
    if len(total_columns) != 1:
        raise payload.error(
            f"expected one 'Total' header column, found {len(total_columns)}; "
            f"header: {str(rows)[:300]}",
            field="thead.Total",
        )
    total = total_columns[0]
    fund_columns = [j for j in range(1, width) if j != total and any(r[j] for r in rows)]
    if not fund_columns:
        raise payload.error("no fund columns in the header", field="thead")
    ticker_row = max(
        range(len(rows)), key=lambda i: sum(bool(TICKER.match(rows[i][j])) for j in fund_columns)
    )
    bad = [rows[ticker_row][j] for j in fund_columns if not TICKER.match(rows[ticker_row][j])]
    if bad:
        raise payload.error(
            f"header cells that are not fund tickers: {bad!r}", field="thead.ticker"
        )
    tickers = [rows[ticker_row][j] for j in fund_columns]
    duplicated = sorted({t for t in tickers if tickers.count(t) > 1})
    if duplicated:
        raise payload.error(f"duplicate ticker columns {duplicated!r}", field="thead.ticker")
    issuer_rows = [
        i
        for i in range(len(rows))
        if i != ticker_row
        and any(rows[i][j] for j in fund_columns)
        and not any(rows[i][j].endswith("%") for j in fund_columns)
    ]
    issuer_row = rows[issuer_rows[0]] if issuer_rows else [""] * width
    funds = {j: (rows[ticker_row][j], issuer_row[j] or None) for j in fund_columns}
    return _Columns(total=total, funds=funds, width=width)


def _split_header(table: _Table) -> tuple[list[list[_Cell]], list[list[_Cell]]]:
    """Header rows: the ``<thead>``, or (pages without one) the rows before the first date row."""
    if table.head:
        return table.head, table.body
    for i, row in enumerate(table.body):
        if row and parse_flow_date(row[0].text) is not None:
            return table.body[:i], table.body[i:]
    return table.body, []


def parse_etf_flows(payload: Payload) -> pl.DataFrame:
    """A Farside flow page -> one row per (asset, ticker, date) of the page's trading days.

    Rows where every fund is ``-`` (US market holiday, or today not yet tallied) are dropped;
    a single ``-`` cell stays as a null flow (the fund has not reported).
    """
    asset, kind = _page_identity(payload)
    table = _flow_table(payload)
    head, body = _split_header(table)
    columns = _header_columns(payload, head)
    out: list[dict] = []
    seen: set[date] = set()
    for row in body:
        texts = [c.text for c in row]
        if not any(texts):
            continue
        label = texts[0]
        if label.lower() in FOOTER_LABELS:
            continue
        day = parse_flow_date(label)
        if day is None:
            raise payload.error(
                f"row label {label!r} is neither a DD Mon YYYY date nor a footer", field="date"
            )
        if len(texts) < columns.width:
            raise payload.error(
                f"{label}: {len(texts)} cells, header has {columns.width}", field=f"{label}"
            )
        if day in seen:
            raise payload.error(f"{label}: date appears twice", field="date")
        seen.add(day)

        def value(
            j: int, name: str, texts: list[str] = texts, label: str = label
        ) -> Decimal | None:
            try:
                return parse_flow_value(texts[j])
            except ValueError as exc:
                raise payload.error(f"{label}: {exc}", field=f"{label}/{name}") from exc

        flows = {j: value(j, ticker) for j, (ticker, _) in columns.funds.items()}
        site_total = value(columns.total, "Total")
        if all(v is None for v in flows.values()):
            if site_total not in (None, Decimal(0)):
                raise payload.error(
                    f"{label}: no fund figures but a site Total of {site_total}",
                    field=f"{label}/Total",
                )
            continue
        for j, (ticker, issuer) in columns.funds.items():
            out.append(
                {
                    "asset": asset,
                    "page": kind,
                    "date": day,
                    "ticker": ticker,
                    "issuer": issuer,
                    "flow_usd_m": flows[j],
                    "site_total_usd_m": site_total,
                    "fetched_at": payload.fetched_at,
                }
            )
    return pl.DataFrame(out, schema=RAW_ETF_FLOWS_SCHEMA, orient="row")


def first_listed_date(payload: Payload) -> date | None:
    """The earliest trading-day row of a page (the client uses it to decide whether the recent
    page reaches back far enough)."""
    frame = parse_etf_flows(payload)
    return frame.get_column("date").min() if frame.height else None
