"""The brief's page: the rows of ``warehouse.brief_queries.brief_rows`` rendered through one
Jinja template that escapes every value it prints exactly once (values are plain text; only the
charts' SVG is marked safe), then written atomically."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from brief.charts import Chart, brief_charts
from brief.formatting import fmt
from brief.notes import desk_notes

TEMPLATE = "risk_brief.html.j2"


@dataclass(frozen=True)
class Brief:
    day: date
    pulse: dict
    alerts: list[dict]
    events: list[dict]
    notes: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def build_brief(rows: Mapping[str, Any]) -> Brief:
    """The brief of ``rows`` (``warehouse.brief_queries.brief_rows``): its pulse, alerts,
    upcoming events, the desk notes in words and charts."""
    return Brief(
        rows["day"],
        rows["pulse"],
        alerts=rows["alerts"],
        events=rows["events"],
        notes=desk_notes(rows),
        charts=brief_charts(rows),
    )


def render(brief: Brief) -> str:
    # Autoescape is switched on explicitly: select_autoescape(["html"]) would not match the
    # template's ``.html.j2`` name.
    # StrictUndefined: a renamed mart column fails the brief instead of rendering a blank.
    env = Environment(
        loader=PackageLoader("brief", "templates"), autoescape=True, undefined=StrictUndefined
    )
    env.filters["fmt"] = fmt
    return env.get_template(TEMPLATE).render(brief=brief, pulse=brief.pulse)


def write_brief(rows: Mapping[str, Any], out_path: Path) -> Brief:
    """Render the brief of ``rows`` and replace ``out_path`` atomically."""
    brief = build_brief(rows)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(f".{out_path.name}.tmp")
    tmp.write_text(render(brief), encoding="utf-8")
    os.replace(tmp, out_path)
    return brief
