"""What an incremental dbt build (a day) leaves out, and what it never leaves out.

The end-to-end proof that a tiered day equals a full rebuild, and still fails on bad source
data, is in tests/end_to_end/test_incremental.py; these check the selection itself.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from orchestration.assets.dbt import ALL_TESTS_TAG, INCREMENTAL_SKIPS, incremental_skips
from orchestration.dbt_inprocess import stdout_log_level, whole_project
from orchestration.dbt_project import DBT_PROJECT


def _context(**tags: str) -> SimpleNamespace:
    return SimpleNamespace(run=SimpleNamespace(tags=tags))


def test_a_full_build_leaves_out_nothing() -> None:
    assert incremental_skips(_context(), full_refresh=True) == ()
    assert incremental_skips(_context(**{ALL_TESTS_TAG: "true"}), full_refresh=True) == ()


def test_an_incremental_build_skips_unchanged_views_and_seeds_and_the_full_build_tier() -> None:
    assert incremental_skips(_context(), full_refresh=False) == INCREMENTAL_SKIPS
    assert set(INCREMENTAL_SKIPS) == {
        "resource_type:seed",
        "config.materialized:view",
        "resource_type:test,path:seeds",
        "tag:full_build",
    }


def test_all_tests_keeps_every_test_on_an_incremental_build() -> None:
    skips = incremental_skips(_context(**{ALL_TESTS_TAG: "true"}), full_refresh=False)
    assert skips == ("resource_type:seed", "config.materialized:view")


@pytest.mark.parametrize(
    ("args", "indirect", "expected"),
    [
        (["--select", "fqn:*"], None, True),
        (["--exclude", "resource_type:unit_test", "--select", "fqn:*"], None, True),
        # dagster-dbt's subsets: an explicit list, or indirect selection already decided
        (["--select", "path:models/marts/x.sql"], None, False),
        (["--select", "fqn:*"], "empty", False),
        (["--selector", "dagster_run_1"], None, False),
    ],
)
def test_the_skips_apply_only_to_a_whole_project_build(args, indirect, expected) -> None:
    assert whole_project(args, indirect) is expected


def test_the_full_build_tier_is_exactly_the_intermediate_models_tests() -> None:
    manifest = json.loads(DBT_PROJECT.manifest_path.read_text())
    tests = [n for n in manifest["nodes"].values() if n["resource_type"] == "test"]
    tier = {n["unique_id"] for n in tests if "full_build" in n["tags"]}
    intermediate = {
        n["unique_id"] for n in tests if n["original_file_path"].startswith("models/intermediate/")
    }
    assert tier == intermediate
    assert len(tier) > 50
    # Every staging and mart test runs on every build.
    always = [
        n for n in tests if n["original_file_path"].startswith(("models/staging/", "models/marts/"))
    ]
    assert len(always) > 100
    assert not [n["unique_id"] for n in always if "full_build" in n["tags"]]


@pytest.mark.parametrize(
    ("run_config", "level"),
    [
        ({"loggers": {"console": {"config": {"log_level": "WARNING"}}}}, "warn"),
        ({"loggers": {"console": {"config": {"log_level": "ERROR"}}}}, "warn"),
        ({"loggers": {"console": {"config": {"log_level": "INFO"}}}}, "info"),
        ({"loggers": {"console": {"config": {"log_level": "DEBUG"}}}}, "info"),
        ({"loggers": {"progress": {"config": {"total_steps": 3}}}}, "info"),
        ({}, "info"),
    ],
)
def test_dbt_prints_its_line_per_node_unless_the_run_is_quiet(run_config, level) -> None:
    """`crw run --quiet` sets the console logger to WARNING: dbt then prints warnings and
    errors only (`--log-level warn`); any other run shows dbt's progress."""
    context = SimpleNamespace(run=SimpleNamespace(run_config=run_config))
    assert stdout_log_level(context) == level
