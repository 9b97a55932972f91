# sitrep — the quick start is `make demo` and `make test`; everything they need is installed here.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := .make
PIP := $(BIN)/pip install --disable-pip-version-check -q -c constraints.txt
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install install-test system-deps demo test lint typecheck fuzz eval bench models docs screenshots clean

install: $(STAMP)/install $(STAMP)/frontend $(STAMP)/gazetteer

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "sitrep needs Python >= 3.11"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q --upgrade pip setuptools wheel

$(STAMP)/install: pyproject.toml constraints.txt | $(VENV)/bin/python
	@mkdir -p $(STAMP)
	$(PIP) -e .
	HF_HUB_OFFLINE=1 $(BIN)/python -m sitrep.dedup.onnx_encoder
	@touch $@

$(STAMP)/install-test: $(STAMP)/install pyproject.toml
	$(PIP) -e '.[test]'
	@touch $@

# The front-end is built from npm packages into the package's static folder (not committed).
$(STAMP)/frontend: $(shell find frontend -path frontend/node_modules -prune -o -type f -print 2>/dev/null)
	@mkdir -p $(STAMP)
	@if [ -f frontend/package.json ]; then \
		cd frontend && { [ -f package-lock.json ] && npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error; } && npm run build --silent; \
	fi
	@touch $@

# The gazetteer index is compiled from data shipped in PyPI packages plus sitrep's supplement.
$(STAMP)/gazetteer: $(STAMP)/install src/sitrep/resolve/gazetteer_build.py src/sitrep/resolve/gazetteer_regions.py src/sitrep/resolve/names.py $(shell find src/sitrep/data/gazetteer -type f -not -path '*/index/*' 2>/dev/null)
	@if $(BIN)/python -c 'import sitrep.resolve.gazetteer_build' 2>/dev/null; then $(BIN)/python -m sitrep.resolve.gazetteer_build; fi
	@touch $@

# Test-only system packages: PostgreSQL server binaries and Debian's Chromium.
system-deps:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
		echo "installing system packages:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

demo: install
	$(BIN)/sitrep demo --db sqlite:///sitrep.db

lint: $(STAMP)/install-test
	$(BIN)/ruff check src tests eval bench tools
	$(BIN)/ruff format --check src tests eval bench tools
	$(BIN)/lint-imports

typecheck: $(STAMP)/install-test
	$(BIN)/mypy --strict src/sitrep/__init__.py src/sitrep/models.py src/sitrep/errors.py src/sitrep/store/db.py src/sitrep/store/queries.py src/sitrep/pipeline.py

test: install $(STAMP)/install-test system-deps lint typecheck
	@SITREP_REQUIRE_PG=1 SITREP_REQUIRE_BROWSER=1 $(BIN)/pytest -q -p no:cacheprovider; rc=$$?; \
	if [ $$rc = 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

# Property tests with fresh random examples, many more than `make test` runs.
fuzz: $(STAMP)/install-test
	HYPOTHESIS_PROFILE=explore $(BIN)/pytest -q -p no:cacheprovider -m "not postgres" $$(grep -l "from hypothesis" tests/*.py)

eval: install
	$(BIN)/python eval/run.py

bench: install
	$(BIN)/python bench/run.py

models: install
	mkdir -p $(STAMP) && $(BIN)/python tools/train_sub_event_model.py --embedding-cache $(STAMP)/minilm-notes.npz
	nice -n 10 $(BIN)/python tools/train_event_classifier.py final

docs: install
	$(BIN)/python -m sitrep.docgen docs/cli.md

screenshots: install system-deps
	$(BIN)/python frontend/screenshots.py

clean:
	rm -rf $(STAMP) build dist src/*.egg-info frontend/node_modules src/sitrep/serve/static/dist
