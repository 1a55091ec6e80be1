# The two quick-start commands: `make site` and `make test`. Both set up .venv themselves.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The example company in okrs/ is frozen on this day, so its pace and staleness stay
# meaningful. With your own OKRs, run `make site TODAY=` (or delete this line).
TODAY ?= 2026-11-22
TODAY_FLAG := $(if $(TODAY),--today $(TODAY),)

.PHONY: site check test lint format bench clean

$(BIN)/okr: pyproject.toml
	@$(PY) -c "import venv, ensurepip" 2>/dev/null || \
	  (apt-get update -qq && apt-get install -y -qq python3-venv)
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	@touch $@

site: check

check: $(BIN)/okr
	$(BIN)/okr check okrs $(TODAY_FLAG)

lint: $(BIN)/okr
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/okr
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: $(BIN)/okr lint
	$(BIN)/python -m pytest

bench: $(BIN)/okr
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) site build *.egg-info .pytest_cache .ruff_cache .hypothesis benchmarks/out
