"""Pure parsers: Binance payload -> polars frame with an explicit raw schema."""

from __future__ import annotations

import polars as pl

from ingestion.payloads import Payload, epoch_ms_to_datetime, to_decimal, to_int

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
    "open_time", "open", "high", "low", "close", "volume_base", "close_time",
    "volume_quote", "trades", "taker_buy_base", "taker_buy_quote", "ignore",
)


def parse_spot_klines(payload: Payload) -> pl.DataFrame:
    """A ``/api/v3/klines`` page. ``is_closed`` compares close_time with the fetch time."""
    body = payload.json()
    if isinstance(body, dict):
        raise payload.error(
            f"error body instead of klines: code={body.get('code')!r} msg={body.get('msg')!r}",
            field="code",
        )
    if not isinstance(body, list):
        raise payload.error(f"expected a JSON array, got {type(body).__name__}")
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
