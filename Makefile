# Two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint unit postgresql bench clean

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

unit: $(STAMP) postgresql
	$(BIN)/pytest -q

# The tests start their own PostgreSQL server from the machine's binaries (initdb, postgres).
# Missing ones are installed with apt-get when we can; otherwise the PostgreSQL tests are
# skipped, or fail when CI=true.
postgresql:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif command -v apt-get >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	  else echo "PostgreSQL binaries not found and apt-get not usable: install postgresql"; exit 0; fi; \
	  echo "installing PostgreSQL for the tests (apt-get install postgresql)"; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; \
	fi

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
