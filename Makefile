# Two commands do all set-up: `make run` (whole pipeline on the bundled sample) and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# The suite on every core (at most 4), whole modules per worker; `make test TEST_WORKERS=` runs it
# in one process.
TEST_WORKERS ?= -n auto --maxprocesses 4 --dist loadscope

.PHONY: run run-spark test ui sql bench bench-scales lint sample scale clean browser java

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

# The dbt manifest the Dagster definitions are built from, made the dagster-dbt way whenever a
# file of the dbt project changes (dagster dev re-parses on load by itself).
MANIFEST    := dbt_project/target/manifest.json
DBT_SOURCES := $(shell find dbt_project -path dbt_project/target -prune -o -path dbt_project/logs -prune -o -type f -print)

$(MANIFEST): $(STAMP) $(DBT_SOURCES)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/dagster-dbt project prepare-and-package --file orchestration/dbt_project.py
	@touch $(MANIFEST)

## run: install, then run the whole pipeline on the bundled sample into data/warehouse.duckdb
run: $(STAMP) $(MANIFEST)
	$(BIN)/crw run

## run-spark: the same, with the transform on a local Spark session over the raw lake
run-spark: $(STAMP) $(MANIFEST) java
	$(BIN)/crw run --engine spark

## browser: headless Chromium for the risk-brief check (Debian package; needs root or sudo)
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "installing chromium (headless browser check of the risk brief) ..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null \
	  || { echo "could not install chromium: install the 'chromium' package, then re-run"; exit 1; }; }

## java: a Java 17 runtime for the Spark engine (Debian package; needs root or sudo)
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "installing openjdk-17-jre-headless (the Spark engine's runtime) ..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null \
	  || { echo "could not install Java: install the 'openjdk-17-jre-headless' package, then re-run"; exit 1; }; }

## test: install, then run the test suite (no network)
test: $(STAMP) $(MANIFEST) browser java
	$(BIN)/python -m pytest $(TEST_WORKERS)

## ui: open the Dagster UI on the same warehouse and run history
ui: $(STAMP) $(MANIFEST)
	$(BIN)/crw ui

## sql: read-only SQL shell on the BI copy of the marts
sql: $(STAMP)
	$(BIN)/crw sql

## bench: time the full sample run and a one-day run against a no-orchestration floor (1x)
bench: $(STAMP) $(MANIFEST)
	$(BIN)/python bench/pipeline.py --quick

## bench-scales: the same at 1x, 10x and 100x (generates the scaled samples first, untimed)
bench-scales: $(STAMP) $(MANIFEST)
	$(BIN)/python bench/pipeline.py --scales 1,10,100

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports

## sample: rebuild the bundled sample from the real history (developers only, never at run time);
## REAL defaults to ../shared/data/real beside the project
REAL ?= ../shared/data/real
sample: $(STAMP)
	$(BIN)/python -m tools.sample.build --real $(REAL)

## scale: write a scaled sample (developers only; FACTOR=10 or 100) into data/scale/<FACTOR>x
FACTOR ?= 10
scale: $(STAMP)
	$(BIN)/python -m tools.scale --factor $(FACTOR)

clean:
	rm -rf data dbt_project/target dbt_project/logs
