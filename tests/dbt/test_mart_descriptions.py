"""Every column of every mart is described: the model's YAML (as dbt resolved it into the
manifest, versions included) lists exactly the columns of the table the sample run built, each
with a non-empty description."""

from __future__ import annotations

import json

import pytest

from warehouse.settings import PROJECT_DIR, Settings

pytestmark = pytest.mark.end_to_end

MANIFEST = PROJECT_DIR / "dbt_project" / "target" / "manifest.json"


def mart_nodes(sample_run: Settings) -> list[dict]:
    """The mart models of the manifest the sample run was built from (one node per version)."""
    manifest = json.loads(MANIFEST.read_text())
    return [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node["original_file_path"].startswith("models/marts/")
    ]


def test_every_mart_column_is_listed_and_described(sample_run: Settings, marts) -> None:
    nodes = mart_nodes(sample_run)
    assert len(nodes) >= 10
    problems = []
    for node in nodes:
        relation = node["alias"]
        built = [
            name
            for (name,) in marts.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'marts' and table_name = ? order by ordinal_position",
                [relation],
            ).fetchall()
        ]
        assert built, f"no table marts.{relation} for {node['unique_id']}"
        documented = node["columns"]
        missing = [c for c in built if c not in documented]
        extra = [c for c in documented if c not in built]
        undescribed = [
            c for c in built if c in documented and not documented[c]["description"].strip()
        ]
        if missing or extra or undescribed:
            problems.append(
                f"{node['unique_id']} (marts.{relation}): not in the YAML {missing}, "
                f"not in the table {extra}, no description {undescribed}"
            )
    assert not problems, "\n".join(problems)


def test_the_unsuffixed_relation_is_the_latest_version(sample_run: Settings, marts) -> None:
    """BI readers keep `marts.<model>`: it is the latest version's table; older versions live
    at `marts.<model>_v<n>` until their deprecation date."""
    versioned = [n for n in mart_nodes(sample_run) if n.get("version") is not None]
    assert {n["name"] for n in versioned} >= {"fct_derivatives_daily", "fct_market_pulse_daily"}
    for node in versioned:
        if str(node["version"]) == str(node["latest_version"]):
            assert node["alias"] == node["name"], node["unique_id"]
        else:
            assert node["alias"] == f"{node['name']}_v{node['version']}", node["unique_id"]
            assert node["deprecation_date"], node["unique_id"]
