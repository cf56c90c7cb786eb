# Two set-up commands: `make run` (service on SQLite with demo data) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

run: $(BIN)/.installed
	$(BIN)/cypp db upgrade
	$(BIN)/cypp demo --if-empty
	$(BIN)/cypp obligations 1

test: $(BIN)/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check lifecycle api schedules tests bench

clean:
	rm -rf $(VENV) cypp.db cypp.db-wal cypp.db-shm .pytest_cache .hypothesis
