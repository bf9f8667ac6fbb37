"""The universe: which assets each source fetches, read from one declarative YAML file
(``universe.yml`` at the project root, or ``CRW_UNIVERSE_FILE``).

``load_universe`` parses and validates the whole file before anything is fetched: every bad
entry is reported in one ``UniverseError`` naming the file, the key and the entry. In sample
mode ``check_sample_listing`` also refuses an asset the bundled sample does not carry (the
sample is a venue that does not list it). In live mode a venue that does not list an asset is
only known from its answer: that asset fails on its own and the others load.

No Dagster, no DuckDB: the orchestration layer loads the file once, from the run's settings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from ingestion.farside.client import PAGES as FARSIDE_PAGES

SYMBOL = re.compile(r"^[A-Z0-9]{2,15}$")
# Binance and Bybit quote every asset of the universe in USDT; the others name the asset.
USDT = "USDT"

# The keys of the file: per kind, the venues the code has a connector for (``spot`` and
# ``pulse`` are plain lists: Binance spot, and the pulse's alert rules).
VENUES: dict[str, tuple[str, ...]] = {
    "perpetuals": ("binance", "bybit"),
    "futures": ("binance",),
    "options": ("deribit",),
    "etf": ("farside",),
    "liquidations": ("coinglass",),
}
LIST_KINDS = ("spot", "pulse")
KINDS = ("spot", *VENUES, "pulse")
SPOT_VENUE = "binance"
# Kinds whose marts are keyed on the spot days (fct_derivatives_daily: the basis needs the spot
# close), so each of their assets must be a spot asset too.
NEEDS_SPOT = ("perpetuals", "futures", "options", "liquidations")
# fct_market_pulse_daily's btc_/eth_ columns are a contract: the pulse always covers these.
PULSE_REQUIRED = ("BTC", "ETH")


class UniverseError(ValueError):
    """The universe file is unreadable or has bad entries (one line per problem)."""


@dataclass(frozen=True)
class UniverseRow:
    """One row of meta.universe: an asset of one kind at one venue, and the venue's symbol
    (venue and symbol are None for the pulse, a list of assets, not of a venue's)."""

    kind: str
    venue: str | None
    asset: str
    symbol: str | None


@dataclass(frozen=True)
class Universe:
    """Assets per kind (and venue). ``path`` is the file it was read from."""

    spot: tuple[str, ...]
    perpetuals: Mapping[str, tuple[str, ...]]
    futures: Mapping[str, tuple[str, ...]]
    options: Mapping[str, tuple[str, ...]]
    etf: Mapping[str, tuple[str, ...]]
    liquidations: Mapping[str, tuple[str, ...]]
    pulse: tuple[str, ...]
    path: Path | None = None

    def assets(self, kind: str, venue: str | None = None) -> tuple[str, ...]:
        """The assets of ``kind`` (at ``venue``, for the kinds listed per venue)."""
        if kind in LIST_KINDS:
            return getattr(self, kind)
        if kind not in VENUES:
            raise KeyError(f"unknown universe kind {kind!r}; known: {', '.join(KINDS)}")
        return getattr(self, kind).get(venue, ())

    def symbols(self, kind: str, venue: str | None = None) -> tuple[str, ...]:
        """The venue's symbols of ``kind``: what its connector sends (BTCUSDT, BTC)."""
        return tuple(venue_symbol(venue, a) for a in self.assets(kind, venue))

    def binance_spot_symbols(self) -> tuple[str, ...]:
        return self.symbols("spot", SPOT_VENUE)

    def binance_perpetual_symbols(self) -> tuple[str, ...]:
        return self.symbols("perpetuals", "binance")

    def binance_futures_pairs(self) -> tuple[str, ...]:
        """The pairs whose quarterly delivery contracts are fetched (``BTCUSDT_YYMMDD``)."""
        return self.symbols("futures", "binance")

    def bybit_perpetual_symbols(self) -> tuple[str, ...]:
        return self.symbols("perpetuals", "bybit")

    def deribit_currencies(self) -> tuple[str, ...]:
        return self.symbols("options", "deribit")

    def farside_assets(self) -> tuple[str, ...]:
        return self.symbols("etf", "farside")

    def coinglass_coins(self) -> tuple[str, ...]:
        return self.symbols("liquidations", "coinglass")

    def rows(self) -> list[UniverseRow]:
        """Every (kind, venue, asset, symbol), in the file's order: the rows of meta.universe."""
        rows = [UniverseRow("spot", SPOT_VENUE, a, venue_symbol(SPOT_VENUE, a)) for a in self.spot]
        for kind in VENUES:
            for venue, assets in getattr(self, kind).items():
                rows += [UniverseRow(kind, venue, a, venue_symbol(venue, a)) for a in assets]
        rows += [UniverseRow("pulse", None, a, None) for a in self.pulse]
        return rows


def venue_symbol(venue: str | None, asset: str) -> str:
    """The symbol a venue knows ``asset`` by: Binance and Bybit pairs against USDT (spot,
    perpetuals, and the pair of the quarterly contracts), the asset itself elsewhere."""
    return f"{asset}{USDT}" if venue in ("binance", "bybit") else asset


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice (PyYAML keeps the last silently)."""


def _unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} given twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def _asset_list(value: object, where: str, errors: list[str]) -> tuple[str, ...]:
    """The assets of one list, each checked; problems go to ``errors`` as '<where>: ...'."""
    if value is None:
        return ()
    if not isinstance(value, list):
        errors.append(f"{where}: must be a list of assets like [BTC, ETH], got {value!r}")
        return ()
    assets: list[str] = []
    for i, entry in enumerate(value):
        if not isinstance(entry, str):
            hint = (
                " (YAML reads YES/NO/ON/OFF as booleans and digits as numbers: quote it)"
                if isinstance(entry, bool | int | float)
                else ""
            )
            errors.append(f"{where}[{i}]: {entry!r} is not an asset ticker{hint}")
            continue
        if not SYMBOL.match(entry):
            errors.append(
                f"{where}[{i}]: {entry!r} is not an asset ticker (upper-case letters and "
                "digits, 2 to 15 of them, e.g. BTC; the code adds the venue's quote, USDT)"
            )
            continue
        if entry in assets:
            errors.append(f"{where}[{i}]: {entry} is listed twice")
            continue
        assets.append(entry)
    return tuple(assets)


def _venue_lists(kind: str, value: object, errors: list[str]) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        errors.append(
            f"{kind}: must map venues to assets, e.g. {{{VENUES[kind][0]}: [BTC, ETH]}}, "
            f"got {value!r}"
        )
        return {}
    lists = {}
    for venue, assets in value.items():
        if venue not in VENUES[kind]:
            errors.append(
                f"{kind}.{venue}: no {kind} connector for venue {venue!r}; the code has "
                f"{', '.join(VENUES[kind])}"
            )
            continue
        lists[venue] = _asset_list(assets, f"{kind}.{venue}", errors)
    return lists


def _cross_checks(universe: Universe, errors: list[str]) -> None:
    spot = set(universe.spot)
    for kind in NEEDS_SPOT:
        for venue, assets in getattr(universe, kind).items():
            for asset in assets:
                if asset not in spot:
                    errors.append(
                        f"{kind}.{venue}: {asset} is not in spot (fct_derivatives_daily has a "
                        "row per spot day of each asset): add it to spot"
                    )
    for asset in universe.pulse:
        if asset not in spot:
            errors.append(
                f"pulse: {asset} is not in spot (the pulse's rules read its prices): add it to spot"
            )
    for asset in PULSE_REQUIRED:
        if asset not in universe.pulse:
            errors.append(
                f"pulse: {asset} is missing (fct_market_pulse_daily's "
                f"{asset.lower()}_ columns are a contract)"
            )
    pages = {page.asset for page in FARSIDE_PAGES if page.kind == "recent"}
    for asset in universe.etf.get("farside", ()):
        if asset not in pages:
            errors.append(
                f"etf.farside: {asset} has no Farside flow page in the connector "
                f"(ingestion/farside/client.py PAGES has {', '.join(sorted(pages))})"
            )


def parse_universe(document: object, *, path: Path | None = None) -> Universe:
    """A universe from a parsed YAML document; every problem in one ``UniverseError``."""
    name = str(path) if path is not None else "universe"
    if not isinstance(document, dict):
        raise UniverseError(
            f"bad universe file {name}: must be a mapping with the keys {', '.join(KINDS)}"
        )
    errors: list[str] = []
    for key in document:
        if key not in KINDS:
            errors.append(f"{key}: unknown key; the keys are {', '.join(KINDS)}")
    for key in KINDS:
        if key not in document:
            errors.append(f"{key}: missing (an empty [] or {{}} means none)")
    lists = {key: _asset_list(document.get(key), key, errors) for key in LIST_KINDS}
    venues = {kind: _venue_lists(kind, document.get(kind), errors) for kind in VENUES}
    universe = Universe(spot=lists["spot"], pulse=lists["pulse"], path=path, **venues)
    _cross_checks(universe, errors)
    if errors:
        raise UniverseError(f"bad universe file {name}:\n  " + "\n  ".join(errors))
    return universe


def load_universe(path: Path | str) -> Universe:
    """Read and validate the universe file at ``path``."""
    path = Path(path)
    try:
        text = path.read_text()
    except OSError as exc:
        raise UniverseError(f"cannot read the universe file {path}: {exc}") from exc
    try:
        document = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        raise UniverseError(f"bad universe file {path}: not valid YAML: {exc}") from exc
    return parse_universe(document, path=path)


# Where the sample keeps each kind's replay files: (folder, the file name of a symbol).
_SAMPLE_FILES: dict[tuple[str, str], tuple[str, str]] = {
    ("spot", "binance"): ("binance/spot_klines", "{symbol}.json.gz"),
    ("perpetuals", "binance"): ("binance/funding_rates", "{symbol}.json.gz"),
    ("futures", "binance"): ("binance/futures_klines", "{symbol}_*.json.gz"),
    ("perpetuals", "bybit"): ("bybit/funding_rates", "{symbol}.json.gz"),
    ("options", "deribit"): ("deribit/volatility_index", "{symbol}.json.gz"),
    ("liquidations", "coinglass"): ("coinglass/liquidations", "{symbol}.json.gz"),
}
# Besides funding, a perpetual needs its open interest in the sample.
_SAMPLE_ALSO: dict[tuple[str, str], tuple[str, str]] = {
    ("perpetuals", "binance"): ("binance/open_interest", "{symbol}.json.gz"),
    ("perpetuals", "bybit"): ("bybit/open_interest", "{symbol}.json.gz"),
    ("options", "deribit"): ("deribit/book_summaries", "{symbol}_option.json.gz"),
}
FARSIDE_VERSIONS = "farside/versions.json"


def _farside_sample_assets(sample_dir: Path) -> set[str]:
    try:
        return {asset.upper() for asset in json.loads((sample_dir / FARSIDE_VERSIONS).read_text())}
    except (OSError, ValueError):
        return set()


def check_sample_listing(universe: Universe, sample_dir: Path) -> None:
    """Sample mode replays only what the sample dir carries: an asset without its replay files
    is an asset the venue does not list, refused before any fetch (one line per asset)."""
    errors: list[str] = []
    for row in universe.rows():
        if row.venue is None:
            continue
        if (row.kind, row.venue) == ("etf", "farside"):
            if row.asset not in _farside_sample_assets(sample_dir):
                errors.append(
                    f"etf.farside: {row.asset} is not in the sample "
                    f"({sample_dir / FARSIDE_VERSIONS} lists no pages for it)"
                )
            continue
        for files in (_SAMPLE_FILES, _SAMPLE_ALSO):
            if (row.kind, row.venue) not in files:
                continue
            folder, pattern = files[(row.kind, row.venue)]
            name = pattern.format(symbol=row.symbol)
            if not any((sample_dir / folder).glob(name)):
                errors.append(
                    f"{row.kind}.{row.venue}: {row.asset} ({row.symbol}) is not in the sample: "
                    f"{sample_dir / folder} has no {name}"
                )
                break
    if errors:
        where = universe.path or "universe"
        raise UniverseError(
            f"universe file {where} lists assets the sample does not carry (sample mode "
            f"serves only the sample dir {sample_dir}):\n  " + "\n  ".join(errors)
        )
