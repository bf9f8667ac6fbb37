"""Pure parsers: Binance payload -> polars frame with an explicit raw schema."""

from __future__ import annotations

import re
from datetime import datetime

import polars as pl

from ingestion.payloads import Payload, epoch_ms_to_datetime, require, to_decimal, to_int

PRICE = pl.Decimal(38, 10)

RAW_SPOT_KLINES_SCHEMA: dict[str, pl.DataType] = {
    "symbol": pl.String(),
    "date": pl.Date(),
    "open_time": pl.Datetime("us", "UTC"),
    "close_time": pl.Datetime("us", "UTC"),
    "open": PRICE,
    "high": PRICE,
    "low": PRICE,
    "close": PRICE,
    "volume_base": PRICE,
    "volume_quote": PRICE,
    "trades": pl.Int64(),
    "is_closed": pl.Boolean(),
}

_KLINE_FIELDS = (
    "open_time",
    "open",
    "high",
    "low",
    "close",
    "volume_base",
    "close_time",
    "volume_quote",
    "trades",
    "taker_buy_base",
    "taker_buy_quote",
    "ignore",
)


def parse_spot_klines(payload: Payload) -> pl.DataFrame:
    """A ``/api/v3/klines`` page. ``is_closed`` compares close_time with the fetch time."""
    body = _array_body(payload)
    symbol = payload.params.get("symbol")
    if not symbol:
        raise payload.error("request had no symbol parameter", field="symbol")
    rows = []
    for i, raw in enumerate(body):
        if not isinstance(raw, list) or len(raw) < 9:
            raise payload.error(
                f"row {i}: expected a 12-element array, got {str(raw)[:80]}", field=f"[{i}]"
            )
        values = dict(zip(_KLINE_FIELDS, raw, strict=False))

        def num(name: str, row: int = i, values: dict = values):
            number = to_decimal(payload, values[name], field=f"[{row}].{name}")
            if number is None:
                raise payload.error(f"row {row}: empty value", field=f"[{row}].{name}")
            return number

        open_time = epoch_ms_to_datetime(payload, values["open_time"], field=f"[{i}].open_time")
        close_time = epoch_ms_to_datetime(payload, values["close_time"], field=f"[{i}].close_time")
        rows.append(
            {
                "symbol": symbol,
                "date": open_time.date(),
                "open_time": open_time,
                "close_time": close_time,
                "open": num("open"),
                "high": num("high"),
                "low": num("low"),
                "close": num("close"),
                "volume_base": num("volume_base"),
                "volume_quote": num("volume_quote"),
                "trades": to_int(payload, values["trades"], field=f"[{i}].trades"),
                "is_closed": close_time < payload.fetched_at,
            }
        )
    return pl.DataFrame(rows, schema=RAW_SPOT_KLINES_SCHEMA, orient="row")


# --- USD-M futures ---------------------------------------------------------------------------

RATE = pl.Decimal(38, 12)
HOUR_MS = 3_600_000

RAW_FUNDING_RATES_SCHEMA: dict[str, pl.DataType] = {
    "symbol": pl.String(),
    "date": pl.Date(),
    "funding_at": pl.Datetime("us", "UTC"),
    "funding_hour_at": pl.Datetime("us", "UTC"),
    "funding_rate": RATE,
    "mark_price": PRICE,
}

RAW_OPEN_INTEREST_SCHEMA: dict[str, pl.DataType] = {
    "symbol": pl.String(),
    "date": pl.Date(),
    "period_at": pl.Datetime("us", "UTC"),
    "open_interest": PRICE,
    "open_interest_usd": PRICE,
}

RAW_FUTURES_KLINES_SCHEMA: dict[str, pl.DataType] = {
    "symbol": pl.String(),
    "pair": pl.String(),
    "delivery_date": pl.Date(),
    **{k: v for k, v in RAW_SPOT_KLINES_SCHEMA.items() if k != "symbol"},
}


def _array_body(payload: Payload) -> list:
    body = payload.json()
    if isinstance(body, dict):
        raise payload.error(
            f"error body instead of an array: code={body.get('code')!r} msg={body.get('msg')!r}",
            field="code",
        )
    if not isinstance(body, list):
        raise payload.error(f"expected a JSON array, got {type(body).__name__}")
    return body


def _required_decimal(payload: Payload, row: dict, key: str, i: int):
    value = to_decimal(
        payload, require(payload, row, key, where=f" in row {i}"), field=f"[{i}].{key}"
    )
    if value is None:
        raise payload.error(f"row {i}: empty value", field=f"[{i}].{key}")
    return value


def parse_funding_rates(payload: Payload) -> pl.DataFrame:
    """A ``/fapi/v1/fundingRate`` page. ``fundingTime`` is often a few ms off the hour: the
    print's hour (and so its UTC day) is the nearest full hour; ``funding_at`` keeps the exact
    time."""
    rows = []
    for i, raw in enumerate(_array_body(payload)):
        if not isinstance(raw, dict):
            raise payload.error(f"row {i}: expected an object, got {str(raw)[:80]}", field=f"[{i}]")
        ms = to_int(
            payload,
            require(payload, raw, "fundingTime", where=f" in row {i}"),
            field=f"[{i}].fundingTime",
        )
        hour_ms = (ms + HOUR_MS // 2) // HOUR_MS * HOUR_MS
        hour_at = epoch_ms_to_datetime(payload, hour_ms, field=f"[{i}].fundingTime")
        rows.append(
            {
                "symbol": require(payload, raw, "symbol", where=f" in row {i}"),
                "date": hour_at.date(),
                "funding_at": epoch_ms_to_datetime(payload, ms, field=f"[{i}].fundingTime"),
                "funding_hour_at": hour_at,
                "funding_rate": _required_decimal(payload, raw, "fundingRate", i),
                # Old prints carry an empty markPrice: null, not an error.
                "mark_price": to_decimal(payload, raw.get("markPrice"), field=f"[{i}].markPrice"),
            }
        )
    return pl.DataFrame(rows, schema=RAW_FUNDING_RATES_SCHEMA, orient="row")


def parse_open_interest(payload: Payload) -> pl.DataFrame:
    """A ``/futures/data/openInterestHist`` page (``period=1d``): OI in coin and in USD."""
    rows = []
    for i, raw in enumerate(_array_body(payload)):
        if not isinstance(raw, dict):
            raise payload.error(f"row {i}: expected an object, got {str(raw)[:80]}", field=f"[{i}]")
        period_at = epoch_ms_to_datetime(
            payload,
            require(payload, raw, "timestamp", where=f" in row {i}"),
            field=f"[{i}].timestamp",
        )
        rows.append(
            {
                "symbol": require(payload, raw, "symbol", where=f" in row {i}"),
                "date": period_at.date(),
                "period_at": period_at,
                "open_interest": _required_decimal(payload, raw, "sumOpenInterest", i),
                "open_interest_usd": _required_decimal(payload, raw, "sumOpenInterestValue", i),
            }
        )
    return pl.DataFrame(rows, schema=RAW_OPEN_INTEREST_SCHEMA, orient="row")


_QUARTERLY = re.compile(r"^(?P<pair>[A-Z0-9]+)_(?P<yymmdd>\d{6})$")


def parse_futures_klines(payload: Payload) -> pl.DataFrame:
    """A ``/fapi/v1/klines`` page of a quarterly delivery contract ``<PAIR>_<YYMMDD>``: the
    delivery date comes from the symbol."""
    symbol = payload.params.get("symbol") or ""
    match = _QUARTERLY.match(symbol)
    if not match:
        raise payload.error(f"not a quarterly delivery symbol: {symbol!r}", field="symbol")
    try:
        delivery = datetime.strptime(match["yymmdd"], "%y%m%d").date()
    except ValueError as exc:
        raise payload.error(f"bad delivery date in symbol {symbol!r}", field="symbol") from exc
    frame = parse_spot_klines(payload)
    return frame.with_columns(
        pl.lit(match["pair"]).alias("pair"), pl.lit(delivery).alias("delivery_date")
    ).select(list(RAW_FUTURES_KLINES_SCHEMA))
