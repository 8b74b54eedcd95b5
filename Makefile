# khaldun — the two commands the README opens with: `make run` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP_RUN  := $(VENV)/.installed-run
STAMP_DEV  := $(VENV)/.installed-dev
DB     ?= khaldun.db

.PHONY: run test venv dev lint typecheck format clean lock eval vendor serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-build.lock

$(STAMP_RUN): $(BIN)/python requirements.lock requirements-build.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(STAMP_DEV): $(STAMP_RUN) requirements-dev.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

venv: $(STAMP_RUN)
dev: $(STAMP_DEV)

## make vendor: the dashboard's front-end assets, from npm (web/package-lock.json), into the package
VENDOR := src/khaldun/serve/static/vendor
$(VENDOR)/.installed: web/package.json web/package-lock.json web/vendor.sh
	web/vendor.sh

vendor: $(VENDOR)/.installed

## make run: set up, code the bundled examples into the embedded store, print what was coded
EXAMPLES := $(filter-out %.gold.jsonl,$(wildcard examples/*.jsonl))

run: $(STAMP_RUN)
	$(BIN)/khaldun ingest $(EXAMPLES) --db $(DB)
	$(BIN)/khaldun events --db $(DB)

## make serve: the API and the dashboard on http://127.0.0.1:8000 over $(DB)
serve: $(STAMP_DEV) vendor
	$(BIN)/khaldun serve --db $(DB)

## make test: set up with dev tools, lint, then the whole suite
test: $(STAMP_DEV) vendor
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP_DEV)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

format: $(STAMP_DEV)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

typecheck: $(STAMP_DEV)
	$(BIN)/mypy

## make eval: the figures of the closing notes, on ../shared/data when it is there
eval: $(STAMP_RUN)
	$(BIN)/khaldun eval --gold examples/presstv-2024-01-28-nujaba.gold.jsonl $(EXAMPLES)
	$(BIN)/khaldun eval --gold tests/fixtures/dev_gold.jsonl tests/fixtures/dev_articles.jsonl

## make lock: re-pin every dependency (needs uv); commit the three lock files
lock:
	uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements.lock --no-header
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements-dev.lock --no-header

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache .ruff_cache
