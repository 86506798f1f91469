# One task runner: the README's commands and CI call these targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test test-fast lint bench services clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/inboxbroker demo

services:
	scripts/ensure-services.sh

test: $(VENV)/.installed-dev services
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: $(VENV)/.installed-dev
	$(BIN)/pytest -m "not slow" $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

bench: $(VENV)/.installed-dev services
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var .pytest_cache
