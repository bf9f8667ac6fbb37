"""What the Dagster UI shows of the data: raw loads with a preview of their rows, dbt models with
their row count and column schema."""

from __future__ import annotations

import dagster as dg
import pytest

from orchestration.assets import fred
from orchestration.assets.raw import raw_asset
from orchestration.resources import WarehouseResource
from warehouse.connection import connect
from warehouse.settings import Settings


def test_a_one_day_raw_load_shows_a_preview_of_its_rows(settings: Settings) -> None:
    result = dg.materialize(
        [raw_asset(fred.OBSERVATIONS)],
        partition_key="2025-11-14",
        resources={"warehouse": WarehouseResource(data_dir=str(settings.data_dir))},
    )
    (event,) = result.get_asset_materialization_events()
    metadata = event.materialization.metadata
    preview = metadata["preview"].value
    assert [column.name for column in preview.schema.columns] == ["series_id", "date", "value"]
    # the newest rows first: the partition day's three series, then the trailing window's
    newest = [r.data["series_id"] for r in preview.records if r.data["date"] == "2025-11-14"]
    assert sorted(newest) == ["NASDAQ100", "SP500", "VIXCLS"]
    assert len(preview.records) == 5 <= metadata["rows_inserted"].value


def test_a_range_load_shows_its_preview_once(settings: Settings) -> None:
    result = dg.materialize(
        [raw_asset(fred.OBSERVATIONS)],
        resources={"warehouse": WarehouseResource(data_dir=str(settings.data_dir))},
        tags={
            "dagster/asset_partition_range_start": "2025-11-10",
            "dagster/asset_partition_range_end": "2025-11-14",
        },
    )
    materializations = result.get_asset_materialization_events()
    assert len(materializations) == 5
    assert all("preview" not in e.materialization.metadata for e in materializations)
    observations = [e for e in result.all_events if e.event_type_value == "ASSET_OBSERVATION"]
    assert len(observations) == 1
    assert observations[0].event_specific_data.asset_observation.partition == "2025-11-14"


@pytest.mark.end_to_end
def test_dbt_models_report_row_counts_and_column_schemas(
    sample_run: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAGSTER_HOME", str(sample_run.dagster_home))  # the instance config reads it
    with dg.DagsterInstance.get() as instance:
        event = instance.get_latest_materialization_event(
            dg.AssetKey(["marts", "fct_prices_daily"])
        )
    metadata = event.asset_materialization.metadata
    with connect(sample_run.duckdb_path, read_only=True) as conn:
        rows = conn.execute("select count(*) from marts.fct_prices_daily").fetchone()[0]
        columns = [
            c
            for (c,) in conn.execute(
                "select column_name from information_schema.columns where table_schema = 'marts' "
                "and table_name = 'fct_prices_daily' order by ordinal_position"
            ).fetchall()
        ]
    assert metadata["dagster/row_count"].value == rows > 3000
    assert [c.name for c in metadata["dagster/column_schema"].value.columns] == columns
