"""Sample mode for CoinGecko: ``/api/v3/global`` answers with the bundled snapshot of the
simulated day, as the live endpoint answers with the current state."""

from __future__ import annotations

from datetime import date

from ingestion.replay import ReplayRequest, ReplayResponse, sample_json

SAMPLE_FILE = "coingecko/global_snapshots.json.gz"


def _snapshots() -> dict[str, dict]:
    return sample_json(SAMPLE_FILE)


def _error(status: int, message: str) -> ReplayResponse:
    return ReplayResponse.json(
        {"status": {"error_code": status, "error_message": message}}, status=status
    )


def respond(request: ReplayRequest, as_of: date) -> ReplayResponse:
    if request.path.rstrip("/") != "/api/v3/global":
        return _error(404, f"sample has no {request.path}")
    snapshot = _snapshots().get(as_of.isoformat())
    if snapshot is None:
        return _error(404, f"sample has no /global snapshot for {as_of.isoformat()}")
    return ReplayResponse.json(snapshot)
