# Azamat — `make help` lists every task. Each creates and reuses .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.DEFAULT_GOAL := help
.PHONY: help demo test test-fast lint format lock messages compilemessages bench clean

help:  ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -c 'import sys; sys.exit("Azamat needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet "pip==26.3"

# Exact versions with their hashes come from the lock files (made by `make lock` from pyproject.toml), so a
# fresh machine installs what CI tested; the project itself is installed on top without resolving anything.
$(VENV)/.installed: requirements.lock pyproject.toml $(BIN)/activate
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@

demo: $(VENV)/.installed  ## Start the demo on http://127.0.0.1:8000 (SQLite under var/, demo data, logins printed)
	@bash scripts/ensure-belenios
	$(BIN)/azamat demo

test: $(VENV)/.installed-dev  ## Run the whole test suite (SQLite; PostgreSQL when DATABASE_URL is set)
	@bash scripts/ensure-chromium
	@bash scripts/ensure-belenios
	$(BIN)/pytest --durations=40

test-fast: $(VENV)/.installed-dev  ## Run the tests without the browser tests
	$(BIN)/pytest -m "not browser"

lint: $(VENV)/.installed-dev  ## ruff (lint and format), import-linter layers, migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/azamat makemigrations --check --dry-run

format: $(VENV)/.installed-dev  ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock: $(VENV)/.installed-dev  ## Re-lock exact versions with hashes after changing pyproject.toml's dependencies
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --universal --python-version 3.11 -q -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --universal --python-version 3.11 -q -o requirements-dev.lock

messages: $(VENV)/.installed-dev  ## Extract translatable strings into the kk, ru and en catalogues
	cd azamat && ../$(BIN)/azamat makemessages -l kk -l ru -l en --no-obsolete --ignore "tests/*" --ignore "test_*"
	$(BIN)/python scripts/fill_english.py

compilemessages: $(VENV)/.installed  ## Compile the catalogues (pure Python, no gettext needed)
	$(BIN)/python scripts/compile_messages.py

bench: $(VENV)/.installed-dev  ## Benchmarks at national scale on PostgreSQL (see bench/README.md)
	$(BIN)/python bench/web.py

clean:  ## Remove the virtualenv and the demo database
	rm -rf $(VENV) var
