# One task runner: the README's commands and CI call these targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test test-fast lint bench services clean
# `services` must finish before the venv is made (it may install python3-venv); one apt-get at a time.
.NOTPARALLEL:

$(VENV)/.installed: pyproject.toml
	PYTHON=$(PYTHON) scripts/ensure-services.sh venv
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
	PYTHON=$(PYTHON) scripts/ensure-services.sh

# services first: on a fresh Debian it installs python3-venv with the rest, in one apt-get update.
test: services $(VENV)/.installed-dev
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: $(VENV)/.installed-dev
	$(BIN)/pytest -m "not slow" $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

# QUICK=1: smaller inputs, the same keys, under three minutes. Figures go to bench/results/latest.json.
bench: services $(VENV)/.installed-dev
	$(BIN)/python -m bench $(if $(QUICK),--quick)

clean:
	rm -rf $(VENV) var .pytest_cache
