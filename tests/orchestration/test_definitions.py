"""The Dagster definitions load and wire raw assets to dbt sources by key."""

from __future__ import annotations

import dagster as dg
import pytest


@pytest.fixture(scope="module")
def defs():
    from orchestration import cli

    cli.prepare_dbt()
    from orchestration.definitions import defs

    return defs


def test_definitions_load_with_every_job_and_schedule(defs) -> None:
    assert defs.resolve_job_def("daily_pipeline") is not None
    assert defs.resolve_schedule_def("daily_pipeline_schedule") is not None


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
