"""The Dagster definitions load, match their snapshot, and wire raw assets to dbt sources by key.

The snapshot (tests/orchestration/definitions_snapshot.json) lists every asset key with its group,
every asset check, job (with its assets) and schedule (with its cron): a change to any of them
shows up as a diff to review. After an intended change: ``pytest --update-snapshots``.
"""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg
import pytest

SNAPSHOT = Path(__file__).with_name("definitions_snapshot.json")


@pytest.fixture(scope="module")
def defs():
    from orchestration import runs

    runs.prepare_dbt()
    from orchestration.definitions import defs

    return defs


def describe(defs: dg.Definitions) -> dict:
    graph = defs.resolve_asset_graph()
    keys = sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string())
    return {
        "assets": {k.to_user_string(): graph.get(k).group_name for k in keys},
        "asset_checks": sorted(
            f"{check.asset_key.to_user_string()}:{check.name}" for check in graph.asset_check_keys
        ),
        "jobs": {
            job.name: sorted(k.to_user_string() for k in job.asset_layer.selected_asset_keys)
            for job in sorted(defs.resolve_all_job_defs(), key=lambda j: j.name)
            if not job.name.startswith("__")
        },
        "schedules": {
            schedule.name: f"{schedule.cron_schedule} {schedule.job_name}"
            for schedule in (
                defs.resolve_schedule_def(name)
                for name in sorted(s.name for s in defs.schedules or [])
            )
        },
    }


def test_definitions_match_their_snapshot(defs, request: pytest.FixtureRequest) -> None:
    current = describe(defs)
    if request.config.getoption("--update-snapshots") or not SNAPSHOT.exists():
        SNAPSHOT.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n")
    assert current == json.loads(SNAPSHOT.read_text())


def test_raw_assets_are_the_dbt_sources_upstream_of_staging(defs) -> None:
    graph = defs.resolve_asset_graph()
    spot = dg.AssetKey(["binance", "spot_klines"])
    staging = dg.AssetKey(["staging", "stg_binance__spot_klines"])
    assert spot in graph.get_all_asset_keys()
    assert spot in graph.get(staging).parent_keys


def test_marts_are_reachable_from_raw_assets(defs) -> None:
    graph = defs.resolve_asset_graph()
    prices = dg.AssetKey(["marts", "fct_prices_daily"])
    seen, frontier = set(), [dg.AssetKey(["binance", "spot_klines"])]
    while frontier:
        key = frontier.pop()
        for child in graph.get(key).child_keys:
            if child not in seen:
                seen.add(child)
                frontier.append(child)
    assert prices in seen
    assert dg.AssetKey(["marts", "fct_market_daily"]) in seen


def test_every_duckdb_writer_shares_one_pool(defs) -> None:
    for assets_def in defs.assets:
        if isinstance(assets_def, dg.AssetsDefinition) and assets_def.is_executable:
            for spec in assets_def.specs:
                if spec.tags.get("layer") == "raw" or assets_def.op.name == "dbt_models":
                    assert assets_def.op.pool == "duckdb_writer", assets_def.op.name


def test_dbt_groups_follow_layers(defs) -> None:
    graph = defs.resolve_asset_graph()
    assert graph.get(dg.AssetKey(["marts", "fct_prices_daily"])).group_name == "marts"
    assert graph.get(dg.AssetKey(["staging", "stg_binance__spot_klines"])).group_name == "staging"
    assert graph.get(dg.AssetKey(["binance", "spot_klines"])).group_name == "binance"
