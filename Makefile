# Two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# The parser compiled to C by mypyc (tools/compile_parser.py): rebuilt when a source changes;
# without a C compiler it stays pure Python, which gives the same results more slowly.
PARSER   := $(wildcard publisher/ingest/parsing/*.py)
COMPILED := $(VENV)/.parser-compiled

CHROMIUM := /usr/bin/chromium
AXE    := node_modules/axe-core/axe.min.js
# Playwright drives Debian's chromium; it must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: run test lint unit postgresql bench screenshots browser clean labeller

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(COMPILED): $(STAMP) $(PARSER) tools/compile_parser.py
	$(BIN)/python tools/compile_parser.py
	touch $(COMPILED)

# The parser's CRF line labeller, trained on the corpus's tuning part (deterministic): run it
# after changing the corpus, the labels or the rules (tests/test_labeller.py says when).
labeller: $(STAMP) $(COMPILED)
	$(BIN)/python tools/train_labeller.py train

# The browser tests' outside parts: Debian's chromium and axe-core from npm.
browser: $(CHROMIUM) $(AXE)

$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

$(AXE): package.json
	npm install --no-audit --no-fund --silent
	touch $(AXE)

run: $(STAMP) $(COMPILED)
	$(BIN)/publisher run

test: $(STAMP) $(COMPILED) browser lint unit

lint: $(STAMP)
	$(BIN)/ruff check publisher tests bench tools
	$(BIN)/mypy
	$(BIN)/lint-imports

unit: $(STAMP) $(COMPILED) postgresql
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
bench: $(STAMP) $(COMPILED)
	$(BIN)/python -P bench/ingest.py
	$(BIN)/python -P bench/build.py
	$(BIN)/python -P bench/digest.py
	$(BIN)/python -P bench/watch.py
	$(BIN)/python -P bench/http.py
	$(BIN)/python -P bench/parse_quality.py

# Screenshots of the index, an item, the digest and the preferences page at 1280 and 400 px.
screenshots: $(STAMP) browser
	SCREENSHOTS_DIR=$(CURDIR)/screenshots $(BIN)/pytest -q tests/test_browser.py -k screenshots
	@echo "screenshots written to $(CURDIR)/screenshots/"

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache node_modules screenshots
	rm -f publisher/ingest/parsing/*.so publisher/ingest/parsing__mypyc*.so
