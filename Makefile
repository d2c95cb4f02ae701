# Two commands on a fresh clone: `make run` and `make test`. Both create .venv
# and install what they need from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install messages migrate run test test-postgres lint makemessages benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[test,production]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# The Polish catalogue is compiled by the build, never committed as a binary.
messages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

migrate: messages
	$(MANAGE) migrate --noinput -v 0

run: migrate
	$(MANAGE) seed_demo --if-empty
	@echo ""
	@echo "  Cooperation Portal: http://$(HOST):$(PORT)/  (Polish: http://$(HOST):$(PORT)/pl/)"
	@echo "  Administration:     http://$(HOST):$(PORT)/admin/"
	@echo "  Demo accounts, password demo-password-2026:"
	@echo "    admin@example.org      administrator"
	@echo "    organiser@example.org  organiser"
	@echo "    editor@example.org     editor"
	@echo "    moderator@example.org  moderator"
	@echo "    member@example.org     verified member of an institution"
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

# Tests run in TEST_WORKERS processes (pytest-xdist), each with its own test
# database and its own copy of the demo; TEST_WORKERS=0 runs them in this one.
TEST_WORKERS ?= 2

test: messages
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

test-postgres: messages
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/portal} $(BIN)/python -m pytest -n $(TEST_WORKERS)

lint: install
	$(BIN)/pre-commit run --all-files --show-diff-on-failure
	$(MANAGE) makemigrations --check --dry-run

# Production settings under gunicorn against a bare Django view, loaded with wrk
# (README, Performance). A dedicated SQLite file unless DATABASE_URL is given;
# SCALE=N seeds `seed_demo --scale N` first; DURATION=seconds per wrk run.
benchmark: messages
	@command -v wrk >/dev/null || apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }
	$(if $(DATABASE_URL),DATABASE_URL=$(DATABASE_URL)) $(MANAGE) benchmark \
		$(if $(SCALE),--scale $(SCALE)) $(if $(DURATION),--duration $(DURATION))

makemessages: install
	$(MANAGE) makemessages -l pl --ignore=.venv --ignore=node_modules --ignore=tests --no-obsolete

clean:
	rm -rf $(VENV) db.sqlite3 benchmark.sqlite3* media .test-media staticfiles
