"""The exceptions ingestion raises. Every one names the source and endpoint; parse errors also
name the landing file and the offending field, so an operator can open the exact payload."""

from __future__ import annotations

from pathlib import Path


class IngestionError(Exception):
    """Base class: something about a source's data or transport is wrong."""

    def __init__(
        self,
        message: str,
        *,
        source: str,
        endpoint: str,
        landing_path: Path | str | None = None,
        field: str | None = None,
    ) -> None:
        self.source = source
        self.endpoint = endpoint
        self.landing_path = str(landing_path) if landing_path else None
        self.field = field
        parts = [f"[{source}/{endpoint}] {message}"]
        if field:
            parts.append(f"field: {field}")
        if self.landing_path:
            parts.append(f"landing file: {self.landing_path}")
        super().__init__(" | ".join(parts))


class FetchError(IngestionError):
    """The HTTP exchange failed: a terminal status, retries exhausted, or no answer at all."""

    def __init__(self, message: str, *, status: int | None = None, **kwargs) -> None:
        self.status = status
        super().__init__(message, **kwargs)


class SourceBlockedError(FetchError):
    """The source refuses us for good (HTTP 451 geo-block, 403 WAF/Cloudflare): never retried."""


class PayloadError(IngestionError):
    """The payload cannot be parsed into the raw schema: malformed, drifted, or an error body."""


class MissingCredentialsError(IngestionError):
    """A source needs an API key that is not set; the asset reports itself skipped."""
