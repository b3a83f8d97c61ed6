# clinicops: `make up` runs the whole suite locally, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed

.PHONY: install up down status test test-unit fuzz bench bench-quick lint asyncapi clean web web-install web-api web-test

install: $(STAMP)

# Reinstall only when the dependency list changes; Java and Maven come from Debian when missing.
$(STAMP): pyproject.toml scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

up: install web
	$(BIN)/clinicops up

down: install
	$(BIN)/clinicops down

status: install
	$(BIN)/clinicops status

# Starts the local Kafka broker and a private PostgreSQL cluster, runs every test, stops both.
# The tests mostly wait on brokers, consumers and processes: TEST_WORKERS pytest processes run test modules side
# by side (a module's own stack stays in one worker), each test with its own topic prefix and databases.
TEST_WORKERS ?= 4
test: install lint web web-test
	$(BIN)/clinicops infra up
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope; status=$$?; $(BIN)/clinicops infra down; exit $$status

# Schemathesis, every check, over each service's OpenAPI and the gateway's combined one (tests/fuzz), in one process.
fuzz: install
	$(BIN)/clinicops infra up
	$(BIN)/python -m pytest tests/fuzz -m fuzz -s -n 0; status=$$?; $(BIN)/clinicops infra down; exit $$status

test-unit: install
	$(BIN)/python -m pytest tests -m "not integration"

# One format and one import order everywhere; the layering contracts of pyproject.toml.
lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# The benches' own dependencies (matplotlib, py-spy), beside the dev ones.
$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

# Every benchmark, full length (issue 19's set first), then the plot for docs/performance.md; figures in var/bench/.
bench: $(BENCH_STAMP) web
	$(BIN)/clinicops infra up
	$(BIN)/python -m bench.all; status=$$?; $(BIN)/clinicops infra down; exit $$status

# The same benchmarks with short durations, for a developer's loop (under 3 minutes).
bench-quick: $(BENCH_STAMP) web
	$(BIN)/clinicops infra up
	$(BIN)/python -m bench.all --quick; status=$$?; $(BIN)/clinicops infra down; exit $$status

# The AsyncAPI document of every topic, from shared/contracts (the gateway serves the same).
asyncapi: install
	$(BIN)/python -m shared.asyncapi > deploy/asyncapi/asyncapi.json

# The office console (web/): npm ci again only when the lock changes, the build only when a source does.
WEB_STAMP := web/node_modules/.install-stamp
WEB_SRC   := $(shell find web/src web/public web/scripts -type f 2>/dev/null) web/index.html web/vite.config.ts web/tsconfig.json

web-install: $(WEB_STAMP)

$(WEB_STAMP): web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $(WEB_STAMP)

web: web/dist/index.html

web/dist/index.html: $(WEB_STAMP) $(WEB_SRC)
	cd web && npm run build

# The console's typed client, from the combined OpenAPI built in-process (no service need run).
web-api: install $(WEB_STAMP)
	mkdir -p var
	$(BIN)/python -m scripts.combined_openapi > var/openapi.json
	cd web && npx openapi-typescript ../var/openapi.json -o src/api/schema.d.ts

# The console's component tests (Vitest, jsdom).
web-test: $(WEB_STAMP)
	cd web && npm test

clean:
	-$(BIN)/clinicops down
	rm -rf var
