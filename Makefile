# The two quick-start commands: `make site` and `make test`. Both set up .venv themselves.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The example company in okrs/ is frozen on this day, so its pace and staleness stay
# meaningful. Only the example: a company repository (okr init) has no Makefile and no frozen
# day; its "today" is the real date in company.timezone.
TODAY ?= 2026-11-22
TODAY_FLAG := $(if $(TODAY),--today $(TODAY),)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site check serve test lint format screenshots bench bench-large bench-check bench-site bench-worst bench-rules bench-search fuzz browser clean

# The site needs only the tool; the tests add their tools. Both install the versions in the
# lock (constraints.txt), so the same files give the same site on every machine.
$(BIN)/okr: pyproject.toml constraints.txt
	@$(PY) -c "import venv, ensurepip" 2>/dev/null || \
	  ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv)
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q -c constraints.txt --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e .
	@touch $@

$(VENV)/.test-tools: $(BIN)/okr
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[test]"
	@touch $@

site: $(BIN)/okr
	$(BIN)/okr build $(TODAY_FLAG)

check: $(BIN)/okr
	$(BIN)/okr check okrs $(TODAY_FLAG)

serve: $(BIN)/okr
	$(BIN)/okr serve $(TODAY_FLAG)

# Debian's chromium drives the browser tests; no browser is ever downloaded by a test tool.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

lint: $(VENV)/.test-tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test-tools
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: $(VENV)/.test-tools lint browser
	$(BIN)/python -m pytest

# every page type at 1366 and 390 px, in English and Chinese, into screenshots/
screenshots: $(VENV)/.test-tools browser
	$(BIN)/python tests/screenshots.py

bench: $(BIN)/okr
	$(BIN)/python benchmarks/scale.py

bench-large: $(BIN)/okr
	$(BIN)/python benchmarks/scale.py --check 10000 --build 10000

bench-check: $(BIN)/okr
	$(BIN)/python benchmarks/run.py

bench-site: $(BIN)/okr
	$(BIN)/python benchmarks/site.py

bench-worst: $(BIN)/okr
	$(BIN)/python benchmarks/worst.py

bench-search: $(VENV)/.test-tools browser
	$(BIN)/python benchmarks/search.py

bench-rules: $(BIN)/okr
	$(BIN)/python benchmarks/rules.py

FUZZ_MINUTES ?= 10
fuzz: $(VENV)/.test-tools
	$(BIN)/python benchmarks/fuzz.py --minutes $(FUZZ_MINUTES)

clean:
	rm -rf $(VENV) site build screenshots .cache *.egg-info .pytest_cache .ruff_cache .hypothesis benchmarks/out
