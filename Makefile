# Two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint unit bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/publisher run

test: $(STAMP) lint unit

lint: $(STAMP)
	$(BIN)/ruff check publisher tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/pytest -q

# -P keeps bench/ off the import path (bench/http.py would shadow the standard library).
bench: $(STAMP)
	$(BIN)/python -P bench/ingest.py
	$(BIN)/python -P bench/build.py
	$(BIN)/python -P bench/digest.py
	$(BIN)/python -P bench/watch.py
	$(BIN)/python -P bench/http.py
	$(BIN)/python -P bench/parse_quality.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
