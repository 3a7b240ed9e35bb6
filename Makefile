# `make demo` and `make test` each set up .venv from nothing first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest clean browser virtuoso bench bench-smoke score ontology snapshots

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/statementkg build data/statements --output build/graph.trig
	$(BIN)/statementkg validate build/graph.trig
	$(BIN)/statementkg export --data build/graph.trig --format turtle -o build/graph.ttl
	$(BIN)/statementkg timeline --data build/graph.trig -o build/timeline.html
	$(BIN)/statementkg query reviews-following-events --data build/graph.trig --format table \
	  --columns reviewLabel,relation,eventLabel,order,reviewEarliest,eventEarliest
	# the bundled corrections (data/statements/*.corrections.yaml) at work: corrected, added and rejected facts
	$(BIN)/statementkg review d05-manchester-arena-volume-3 --no-shacl

# Debian's Chromium for the browser tests; never a browser download.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's OpenLink Virtuoso for the endpoint tests (the fixture starts its own server on free
# ports); installed without a debconf prompt, and any system service the package started is
# stopped and disabled: the tests never use it.
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  echo "installing Debian virtuoso-opensource for the endpoint tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    virtuoso-opensource >/dev/null; \
	  if [ -x /etc/init.d/virtuoso-opensource-7 ]; then \
	    /etc/init.d/virtuoso-opensource-7 stop >/dev/null 2>&1 || true; \
	    update-rc.d virtuoso-opensource-7 disable >/dev/null 2>&1 || true; \
	  fi; }

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) browser virtuoso
	$(BIN)/pytest -q

test: lint typecheck pytest bench-smoke

score: $(STAMP)
	$(BIN)/python tests/tools/score_extraction.py data/statements --gold tests/data/dev/gold --cli $(BIN)/statementkg

# Scale benchmark: generated corpora built stage by stage (results in benchmarks/RESULTS.md).
# The 1,000 and 10,000 runs are manual (see benchmarks/RESULTS.md for their cost):
#   $(BIN)/python benchmarks/scale.py --sizes 1000,10000 --naive-max 0 --no-queries --json build/bench.json
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/scale.py --sizes 100,300 --naive-max 20

# The smallest size once, as a smoke check that the benchmark still runs (a few seconds).
bench-smoke: $(STAMP)
	$(BIN)/python benchmarks/scale.py --sizes 5 --naive-max 0

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache

# The ontology's event classes, generated from src/statementkg/schema/events.yaml.
ontology: $(STAMP)
	$(BIN)/python -c "from statementkg.event_classes import ontology_turtle; import sys; sys.stdout.write(ontology_turtle())" > ontology/event-classes.ttl.tmp
	mv ontology/event-classes.ttl.tmp ontology/event-classes.ttl

# Per-statement snapshots (tests/data/snapshots), rewritten after a deliberate extraction change;
# review them with `git diff tests/data/snapshots` (one line per fact).
snapshots: $(STAMP)
	$(BIN)/python tests/tools/update_snapshots.py
