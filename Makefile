# Two commands for a fresh machine: `make run` (the chat) and `make test`.
# Both create .venv when it is missing and are safe to run again.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast lint format eval bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# CPU torch from this machine's disk first: an unpinned torch pulls a CUDA build.
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python app.py $(ARGS)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The inner loop: lint and every test that needs no model, browser or slow subprocess.
test-fast: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -m "not model and not slow" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Every gated set (eval/gates.toml) and its report; one set: make eval ARGS="--qa eval/sets/heldout.jsonl"
eval: install
	$(BIN)/summit-qa eval $(or $(ARGS),--gates eval/gates.toml)

bench: install
	$(BIN)/summit-qa bench $(ARGS)
