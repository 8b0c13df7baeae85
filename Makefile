# Two commands on a fresh machine: `make demo` (build the environment, ingest the examples into
# $(DB) and show the actors and events found)
# and `make test` (build the environment, run the tests).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.detente-installed
DB     ?= detente.duckdb

.PHONY: demo test env clean bench fuzz

env: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/detente ingest examples/*.json examples/*.txt --db $(DB)
	$(BIN)/detente query actors --db $(DB) --limit 15
	$(BIN)/detente query events --db $(DB) --limit 25

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The fuzz suite's long profile: 10,000 generated documents; ends with one line
# "fuzz N documents, F failures (E exceptions, S over 5 s, V span violations)".
fuzz: $(STAMP)
	$(BIN)/python benchmarks/fuzz.py --documents 10000 2>fuzz-failures.log

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache $(DB) fuzz-failures.log
