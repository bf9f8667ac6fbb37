"""The sample manifest: what each bundled file is and where it came from."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Literal

# The bundled sample's window. A generated sample (``tools.scale``) names its own in its
# top-level SAMPLE_FILE: {"window": {"start": "2018-01-01", "end": "2025-11-15"}}.
SAMPLE_START = "2024-01-01"
SAMPLE_END = "2025-11-15"
SAMPLE_FILE = "sample.json"


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    kind: Literal["real", "derived", "synthetic"]
    origin: str
    first_date: str
    last_date: str
    rows: int
    notes: str = ""
    # Dates (ISO) of the file's rows whose figures were derived by a documented rule rather than
    # copied (e.g. Farside per-fund cells allocated from a real daily total); written only when
    # there are some.
    derived_rows: tuple[str, ...] = ()


def sample_window(sample_dir: Path) -> tuple[date, date]:
    """The first and last day a sample dir replays: its SAMPLE_FILE's window, else (the
    bundled sample) SAMPLE_START..SAMPLE_END."""
    path = sample_dir / SAMPLE_FILE
    window = json.loads(path.read_text())["window"] if path.exists() else {}
    return (
        date.fromisoformat(window.get("start", SAMPLE_START)),
        date.fromisoformat(window.get("end", SAMPLE_END)),
    )


def write_window(out_dir: Path, start: date, end: date) -> Path:
    path = out_dir / SAMPLE_FILE
    path.write_text(
        json.dumps({"window": {"start": start.isoformat(), "end": end.isoformat()}}, indent=1)
        + "\n"
    )
    return path


def write_manifest(out_dir: Path, source: str, entries: list[ManifestEntry]) -> Path:
    path = out_dir / source / "MANIFEST.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    records = [{k: v for k, v in asdict(e).items() if k != "derived_rows" or v} for e in entries]
    path.write_text(json.dumps(records, indent=1) + "\n")
    return path


def read_manifest(sample_dir: Path) -> list[ManifestEntry]:
    entries = []
    for path in sorted(sample_dir.glob("*/MANIFEST.json")):
        for record in json.loads(path.read_text()):
            record["derived_rows"] = tuple(record.get("derived_rows", ()))
            entries.append(ManifestEntry(**record))
    return entries
