"""Both engines build from one set of model files: no engine copies, and the constructs only
one dialect reads appear in dbt_project/macros/cross_engine.sql alone (fast, no Spark)."""

from __future__ import annotations

import re

from warehouse.settings import PROJECT_DIR

DBT = PROJECT_DIR / "dbt_project"
# DuckDB-only spellings and what replaces them (README "Outgrowing one machine").
DIALECT_ONLY = {
    r"\basof\s+(left\s+|inner\s+)?join\b": "crw_asof_join",
    r"\bgenerate_series\s*\(": "crw_days_between",
    r"\bunnest\s*\(": "crw_days_between or a values list",
    r"\bprintf\s*\(": "crw_fixed",
    r"\bstrftime\s*\(": "cast(... as string)",
    r"\bformat\s*\(\s*'\{": "crw_thousands",
    r"\bdate_diff\s*\(": "crw_datediff",
    r"\barg_(max|min)\s*\(": "max_by / min_by",
    r"\bisodow\s*\(|\bdayofweek\s*\(": "crw_iso_day_of_week",
    r"\btimezone\s*\(": "crw_local_time_utc",
    r"\bstring_agg\s*\([^)]*\border\s+by\b": "crw_string_agg",
    r"\bcount\s*\(\s*distinct\b[^)]*\)\s*over\b": "a grouped count",
    r"(?<![\w.'])\d+\.\d+(?![\w.])": "an exponent literal (365e0): Spark reads 365.0 as a DECIMAL",
}


def _sql_files() -> list:
    files = [*DBT.glob("models/**/*.sql"), *DBT.glob("tests/**/*.sql")]
    files += [p for p in DBT.glob("macros/*.sql") if p.name != "cross_engine.sql"]
    return sorted(files)


def _code(text: str) -> str:
    """The SQL without comments (line comments and Jinja comments)."""
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
    return re.sub(r"--[^\n]*", "", text)


def test_no_engine_specific_copies_of_models() -> None:
    copies = [p.name for p in DBT.rglob("*.sql") if re.search(r"_(spark|duckdb)\.sql$", p.name)]
    assert copies == []


def test_dialect_only_sql_goes_through_the_cross_engine_macros() -> None:
    found = []
    for path in _sql_files():
        code = _code(path.read_text()).lower()
        for pattern, instead in DIALECT_ONLY.items():
            for match in re.finditer(pattern, code):
                found.append(f"{path.relative_to(DBT)}: {match.group(0)!r} -> use {instead}")
    assert not found, "\n".join(found)


def test_each_cross_engine_macro_has_a_spark_version() -> None:
    text = (DBT / "macros" / "cross_engine.sql").read_text()
    dispatched = set(re.findall(r"adapter\.dispatch\('(\w+)'\)", text))
    assert len(dispatched) >= 8
    for name in dispatched:
        assert f"macro spark__{name}(" in text, name
        assert f"macro default__{name}(" in text, name
