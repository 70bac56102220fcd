# The two commands of the README: `make demo` and `make test`. Both set up everything first.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

# Integration tests use these services when they answer (.ci/run starts them and requires them).
export MOAT_TEST_POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/test
export MOAT_TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: setup browser node demo serve test lint typecheck bench
setup: $(VENV)/.installed

# The console's browser tests drive Debian's chromium (never a browser a tool downloads itself).
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "chromium is not installed: browser tests will be skipped (install Debian's chromium)"

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

# The conformance suite's Node clients, pinned in tests/conformance/node/package-lock.json (npm registry).
NODE_DIR := tests/conformance/node
node: $(NODE_DIR)/node_modules/.installed

$(NODE_DIR)/node_modules/.installed: $(NODE_DIR)/package-lock.json
	@command -v npm >/dev/null || { echo "npm is not installed: the Node conformance cases will be skipped"; exit 0; }; \
		cd $(NODE_DIR) && npm ci --no-audit --no-fund --silent && touch node_modules/.installed

# make demo PORT=8081 when 8080 is taken
demo: setup
	$(BIN)/moat demo $(if $(PORT),--port $(PORT))

serve: setup
	$(BIN)/moat serve

lint: setup
	$(BIN)/ruff check src tests bench

typecheck: setup
	$(BIN)/mypy

test: setup browser node lint typecheck
	$(BIN)/pytest -q
