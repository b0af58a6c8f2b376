# Two entry points: `make serve` (set up and run) and `make test` (set up and test).
# Each creates .venv from the project's own files when it is missing or out of date.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: serve test check docs clean

$(BIN)/claimgraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

serve: $(BIN)/claimgraph
	$(BIN)/claimgraph serve

# The browser tests drive Debian's Chromium (Playwright never downloads one); the remote-store
# tests start Debian's Virtuoso themselves (the package starts no service). CI is root on Debian.
test: $(BIN)/claimgraph
	test -x /usr/bin/chromium || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }
	test -x /usr/bin/rsvg-convert || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y librsvg2-bin; }
	test -x /usr/bin/virtuoso-t || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y virtuoso-opensource; }
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest

# The house rules alone, in seconds: lint, import contracts (pyproject.toml), types.
check: $(BIN)/claimgraph
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# Regenerates every page with cog blocks: README.md and docs/ (run commands, paste output).
docs: $(BIN)/claimgraph
	$(BIN)/cog -r -I docs README.md docs/*.md

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
