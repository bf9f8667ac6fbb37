"""Sample mode for alternative.me: serve the bundled history exactly as ``/fng/`` counts it,
back from the simulated today."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ingestion.replay import ReplayRequest, ReplayResponse, sample_json

SAMPLE_FILE = "alternative_me/fear_greed.json.gz"
# The simulated fetch happens at noon UTC of as_of: the next value is published at midnight.
_SECONDS_TO_NEXT_UPDATE = 12 * 3600


def _history() -> dict:
    return sample_json(SAMPLE_FILE)


def _day(record: dict) -> date:
    return datetime.fromtimestamp(int(record["timestamp"]), tz=UTC).date()


def respond(request: ReplayRequest, as_of: date) -> ReplayResponse:
    if request.path.rstrip("/") != "/fng":
        return ReplayResponse.json({"error": f"sample has no {request.path}"}, status=404)
    try:
        limit = int(request.params.get("limit", "1"))
    except ValueError:
        limit = 1
    if request.params.get("format", "json") != "json":
        return ReplayResponse.json({"error": "sample serves format=json only"}, status=400)
    history = _history()
    records = [dict(r) for r in history["data"] if _day(r) <= as_of]  # newest first
    if limit > 0:
        records = records[:limit]
    for record in records:
        record.pop("time_until_update", None)
    if records:
        records[0]["time_until_update"] = str(_SECONDS_TO_NEXT_UPDATE)
    return ReplayResponse.json(
        {"name": history["name"], "data": records, "metadata": {"error": None}}
    )
