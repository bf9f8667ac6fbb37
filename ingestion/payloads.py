"""A received response body and the few decoding steps every parser shares.

Decoding failures become PayloadError naming source, endpoint, landing file and field; parsers
never see a half-decoded value.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import orjson

from ingestion.errors import PayloadError

_EXTENSIONS = {
    "application/json": "json",
    "text/csv": "csv",
    "text/html": "html",
    "text/calendar": "ics",
    "text/plain": "txt",
}


@dataclass(frozen=True)
class Payload:
    """One HTTP response body exactly as received, with what is needed to find it again."""

    source: str
    endpoint: str
    url: str
    params: Mapping[str, str]
    status: int
    body: bytes
    content_type: str
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    landing_path: Path | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    @property
    def extension(self) -> str:
        media_type = self.content_type.split(";")[0].strip().lower()
        return _EXTENSIONS.get(media_type, "bin")

    def with_landing_path(self, path: Path) -> Payload:
        return replace(self, landing_path=path)

    def error(self, message: str, *, field: str | None = None) -> PayloadError:
        return PayloadError(
            message,
            source=self.source,
            endpoint=self.endpoint,
            landing_path=self.landing_path,
            field=field,
        )

    def text(self) -> str:
        try:
            return self.body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise self.error(f"body is not UTF-8 text: {exc}") from exc

    def html_text(self) -> str:
        """The body of a whole HTML page. html.parser reads a page cut anywhere without
        complaint, and a cut table is just fewer rows; every page these sources serve closes
        with ``</html>``, so a body without it is a truncated payload, never a shorter table."""
        text = self.text()
        if "</html>" not in text[-4096:].lower():
            raise self.error(
                f"HTML page ends without </html> after {len(self.body)} bytes (truncated "
                f"body?); it ends {text[-80:]!r}",
                field="</html>",
            )
        return text

    def json(self) -> Any:
        """The decoded body (orjson: strict RFC 8259, so NaN/Infinity and invalid UTF-8 are
        malformed too). A document that stops before it closes is a truncated body, never a
        shorter list: every JSON source fails on it, whatever it would have contained."""
        try:
            return orjson.loads(self.body)
        except orjson.JSONDecodeError as exc:
            snippet = self.body[:80].decode("utf-8", "replace")
            content = self.body.rstrip()
            if content and exc.pos >= len(content):
                raise self.error(
                    f"malformed JSON: the body ends early, after {len(self.body)} bytes "
                    f"(truncated body?) ({exc}); body starts {snippet!r}",
                    field="body",
                ) from exc
            raise self.error(f"malformed JSON ({exc}); body starts {snippet!r}") from exc


def require(payload: Payload, obj: Any, key: str, *, where: str = "") -> Any:
    """obj[key], or a PayloadError naming the field when the payload drifted."""
    if not isinstance(obj, Mapping):
        raise payload.error(f"expected an object{where}, got {type(obj).__name__}", field=key)
    if key not in obj:
        present = ", ".join(sorted(map(str, obj)))[:200]
        raise payload.error(f"missing field{where}; present: {present}", field=key)
    return obj[key]


def to_decimal(payload: Payload, value: Any, *, field: str) -> Decimal | None:
    """Exchange numbers arrive as strings; money stays Decimal (never float) in the raw layer."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise payload.error(f"expected a number, got {value!r}", field=field)
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise payload.error(f"expected a number, got {value!r}", field=field) from exc
    if not number.is_finite():
        raise payload.error(f"expected a finite number, got {value!r}", field=field)
    return number


def to_int(payload: Payload, value: Any, *, field: str) -> int:
    if isinstance(value, bool) or value is None or value == "":
        raise payload.error(f"expected an integer, got {value!r}", field=field)
    try:
        return int(str(value))
    except ValueError as exc:
        raise payload.error(f"expected an integer, got {value!r}", field=field) from exc


def epoch_ms_to_datetime(payload: Payload, value: Any, *, field: str) -> datetime:
    return datetime.fromtimestamp(to_int(payload, value, field=field) / 1000, tz=UTC)


def epoch_s_to_datetime(payload: Payload, value: Any, *, field: str) -> datetime:
    return datetime.fromtimestamp(to_int(payload, value, field=field), tz=UTC)
