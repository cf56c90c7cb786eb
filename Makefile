# Two set-up commands: `make run` (service on SQLite with demo data) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

run: $(BIN)/.installed
	$(BIN)/cypp db upgrade
	$(BIN)/cypp demo --if-empty
	$(BIN)/cypp serve --with-scheduler --host $(HOST) --port $(PORT)

test: $(BIN)/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check lifecycle api schedules web cli tests bench

bench: $(BIN)/.installed
	$(BIN)/python -m bench.evaluation $(BENCH_DATABASE)

clean:
	rm -rf $(VENV) cypp.db cypp.db-wal cypp.db-shm .pytest_cache .hypothesis
