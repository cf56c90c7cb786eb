# Two set-up commands: `make run` (service on SQLite with demo data) and `make test`.
# Installs come from the hash-pinned lock files (`make lock` re-resolves them from pyproject.toml).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --generate-hashes --universal --python-version 3.11 --quiet

.PHONY: run test lint bench clean lock

$(BIN)/.installed: pyproject.toml requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --require-hashes -r requirements-dev.lock
	$(BIN)/pip install -q --no-deps -e .
	@$(BIN)/pip check >/dev/null || { $(BIN)/pip check; echo "the lock files miss a dependency of pyproject.toml: run make lock" >&2; exit 1; }
	touch $@

lock:
	test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && $(BIN)/pip install -q uv; }
	$(UV_COMPILE) --extra test -o requirements-dev.lock
	$(UV_COMPILE) -c requirements-dev.lock -o requirements.lock

run: $(BIN)/.installed
	@$(BIN)/cypp serve --check-port --host $(HOST) --port $(PORT)
	$(BIN)/cypp db upgrade
	$(BIN)/cypp demo --if-empty
	$(BIN)/cypp serve --with-scheduler --host $(HOST) --port $(PORT)

test: $(BIN)/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check lifecycle api schedules web cli ops tests bench gunicorn.conf.py
	$(BIN)/lint-imports --no-cache

bench: $(BIN)/.installed
	$(BIN)/python -m bench $(BENCH_DATABASE)

clean:
	rm -rf $(VENV) cypp.db cypp.db-wal cypp.db-shm .pytest_cache .hypothesis
