# padplanner: `make run` opens the TUI on a demo caseload; `make test` runs lint and every test.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PLUGINS := $(sort $(dir $(wildcard plugins/*/pyproject.toml)))

.PHONY: install run test lint format bench clean catalogues

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints/test.txt $(wildcard plugins/*/pyproject.toml) | $(PY)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -c constraints/test.txt -e '.[dev]' $(foreach p,$(PLUGINS),-e ./$(p))
	touch $(STAMP)

install: $(STAMP)

run: install
	$(VENV)/bin/padplanner tui --demo

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

test: lint
	$(VENV)/bin/pytest

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Bring both catalogues in line with the code: new message ids get an empty translation to fill
# in, ids no code uses any more are dropped (docs/i18n.md). The .po files are read as they are.
POT := build/padplanner.pot
catalogues: install
	mkdir -p $(dir $(POT))
	$(VENV)/bin/pybabel -q extract -F babel.cfg --no-location --sort-output --project padplanner \
		--copyright-holder "padplanner developers" -o $(POT) .
	$(VENV)/bin/pybabel update -i $(POT) -d padplanner/locale -D padplanner \
		--no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
	$(VENV)/bin/pytest -q tests/i18n/test_catalogues.py

bench: install
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
