"""The landing zone: every response body is written unchanged (gzip) before it is parsed.

Layout: ``<data dir>/landing/<source>/<endpoint>/<partition>/<fetched_at>_<sha256[:12]>.<ext>.gz``
with a ``.meta.json`` sidecar (URL, params without secrets, status, content type), so any raw
table can be rebuilt by re-parsing the landing zone with no network. Pure file I/O.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from ingestion.payloads import Payload


def land(payload: Payload, landing_root: Path, partition: str) -> Payload:
    """Write the payload atomically; return it with ``landing_path`` set."""
    folder = landing_root / payload.source / payload.endpoint / partition
    folder.mkdir(parents=True, exist_ok=True)
    stamp = payload.fetched_at.strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"{stamp}_{payload.sha256[:12]}.{payload.extension}.gz"
    tmp = path.with_name(path.name + ".tmp")
    # mtime=0 keeps the gzip bytes a pure function of the body.
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(payload.body)
    os.replace(tmp, path)
    meta = {
        "source": payload.source,
        "endpoint": payload.endpoint,
        "url": payload.url,
        "params": dict(payload.params),
        "status": payload.status,
        "content_type": payload.content_type,
        "fetched_at": payload.fetched_at.isoformat(),
        "sha256": payload.sha256,
        "bytes": len(payload.body),
    }
    meta_path = path.with_name(path.name.removesuffix(".gz") + ".meta.json")
    meta_path.write_text(json.dumps(meta, indent=1, sort_keys=True))
    return payload.with_landing_path(path)


def read_landed(path: Path) -> Payload:
    """Load a landed payload back (for re-parsing without the network)."""
    meta_path = path.with_name(path.name.removesuffix(".gz") + ".meta.json")
    meta = json.loads(meta_path.read_text())
    body = gzip.decompress(path.read_bytes())
    return Payload(
        source=meta["source"],
        endpoint=meta["endpoint"],
        url=meta["url"],
        params=meta["params"],
        status=meta["status"],
        body=body,
        content_type=meta["content_type"],
        fetched_at=datetime.fromisoformat(meta["fetched_at"]),
        landing_path=path,
    )


def landed_files(landing_root: Path, source: str, endpoint: str) -> Iterator[Path]:
    yield from sorted((landing_root / source / endpoint).glob("*/*.gz"))
