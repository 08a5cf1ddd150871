# Azamat — `make help` lists every task. Each creates and reuses .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.DEFAULT_GOAL := help
.PHONY: help demo test test-fast lint format messages compilemessages bench clean

help:  ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -c 'import sys; sys.exit("Azamat needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

demo: $(VENV)/.installed  ## Start the demo on http://127.0.0.1:8000 (SQLite under var/, demo data, logins printed)
	$(BIN)/azamat demo

test: $(VENV)/.installed-dev  ## Run the whole test suite (SQLite; PostgreSQL when DATABASE_URL is set)
	@bash scripts/ensure-chromium
	$(BIN)/pytest

test-fast: $(VENV)/.installed-dev  ## Run the tests without the browser tests
	$(BIN)/pytest -m "not browser"

lint: $(VENV)/.installed-dev  ## ruff, migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check azamat/core azamat/accounts azamat/registry bench tests || true
	$(BIN)/azamat makemigrations --check --dry-run

messages: $(VENV)/.installed-dev  ## Extract translatable strings into the kk, ru and en catalogues
	cd azamat && ../$(BIN)/azamat makemessages -l kk -l ru -l en --no-obsolete --ignore "tests/*" --ignore "test_*"
	$(BIN)/python scripts/fill_english.py

compilemessages: $(VENV)/.installed  ## Compile the catalogues (pure Python, no gettext needed)
	$(BIN)/python scripts/compile_messages.py

bench: $(VENV)/.installed-dev  ## Benchmarks at national scale on PostgreSQL (see bench/README.md)
	$(BIN)/python bench/web.py

clean:  ## Remove the virtualenv and the demo database
	rm -rf $(VENV) var
