# goalsheet: `make demo` builds the demo project, `make test` runs every test, `make check`
# the fast ones (not slow, no browser). All set up what they need first and can be run again.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-deps demo test check lint typecheck docs bench clean messages

setup: system-deps $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: setup
	@echo "== goalsheet check (the demo clients' findings, as of 2026-11-20) =="
	$(BIN)/goalsheet check --as-of 2026-11-20
	@echo "== clients =="
	$(BIN)/goalsheet list clients --as-of 2026-11-20
	@echo "== measures =="
	$(BIN)/goalsheet list measures
	@echo "== build: blank worksheets in site/; each client's sheets, diaries and reports (clinician and client, PDF and HTML) in private/ =="
	$(BIN)/goalsheet build --as-of 2026-11-20
	@echo "== who needs contact (internal, IDs only; build also wrote private/attention.html and .pdf) =="
	$(BIN)/goalsheet attention --as-of 2026-11-20
	@echo "== progress as JSON, one file per client, into private/<ID>/report.json =="
	@for id in $$(ls goalsheets); do $(BIN)/goalsheet report $$id --format json --as-of 2026-11-20 -o private/$$id/report.json; done
	$(BIN)/goalsheet summary --format json --as-of 2026-11-20 -o private/summary.json
	@echo "== FHIR: one client's measures, goals and ratings as an R4 Bundle for a records system, read back (a dry run: nothing new to add) =="
	$(BIN)/goalsheet export C-0142 --format fhir -o private/C-0142/C-0142.fhir.json
	$(BIN)/goalsheet import private/C-0142/C-0142.fhir.json --as-of 2026-11-20 --dry-run
	@echo "== scannable paper: a diary, a weekly log and a PHQ-9 to fill with a pen; phone photos of a filled diary and PHQ-9 read back (a dry run: nothing is written) =="
	$(BIN)/goalsheet diary --client C-0142 --scannable --start 2026-11-23 -o private/C-0142/daily-diary-C-0142-scan.pdf
	$(BIN)/goalsheet worksheet weekly-log --client C-0142 --scannable --start 2026-11-23 -o private/C-0142/weekly-log-C-0142-scan.pdf
	$(BIN)/goalsheet worksheet phq-9 --client C-0388 --scannable -o private/C-0388/phq-9-C-0388-scan.pdf
	$(BIN)/goalsheet import examples/scans/C-0142-diary-photo.jpg examples/scans/C-0388-phq-9-photo.jpg --as-of 2026-11-20 --dry-run
	@mkdir -p -m 700 private/schema
	$(BIN)/goalsheet schema config -o private/schema/config.schema.json
	$(BIN)/goalsheet schema client -o private/schema/client.schema.json
	$(BIN)/goalsheet schema entries -o private/schema/entries.schema.json
	@echo "== done. goalsheet is installed in $(BIN)/: type '. $(BIN)/activate' to put it on PATH in this terminal (or run $(BIN)/goalsheet) =="

# ruff, then the import contract: the layers of docs/design.md (pyproject.toml's [tool.importlinter]).
lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/lint-imports --no-cache

typecheck: setup
	$(BIN)/mypy

# Extract every message into locales/goalsheet.pot and merge it into each language's .po file
# (translators then fill in the new entries; tests fail while any is left untranslated).
messages: setup
	$(BIN)/pybabel -q extract -w 100 -F babel.cfg -c NOTE: -k _ -k N_ -k ngettext:1,2 -k pgettext:1c,2 \
		--no-location --sort-output --project goalsheet --copyright-holder "goalsheet authors" \
		-o locales/goalsheet.pot . > /dev/null
	$(BIN)/pybabel -q extract -w 100 -k _ -k ngettext:1,2 --no-location --sort-output --project click \
		-o locales/click.pot $$($(BIN)/python -c "import click, os; print(os.path.dirname(click.__file__))") > /dev/null
	@for lang in $$(ls locales | grep -v '\.pot$$'); do for domain in goalsheet click; do \
		po=locales/$$lang/LC_MESSAGES/$$domain.po; \
		if [ -f $$po ]; then $(BIN)/pybabel -q update -w 100 --no-fuzzy-matching --ignore-obsolete \
			-i locales/$$domain.pot -o $$po -l $$lang; \
		else $(BIN)/pybabel -q init -i locales/$$domain.pot -o $$po -l $$lang; fi; done; done

docs: setup
	$(BIN)/goalsheet list rules --format markdown > docs/lint-rules.md

bench: setup
	$(BIN)/python benchmarks/paper.py
	$(BIN)/python benchmarks/report.py
	$(BIN)/python benchmarks/site.py
	$(BIN)/python benchmarks/build.py
	$(BIN)/python benchmarks/languages.py
	$(BIN)/python benchmarks/scan.py
	$(BIN)/python benchmarks/scan_speed.py
	$(BIN)/python benchmarks/scan_long.py
	$(BIN)/python benchmarks/fhir.py

# Test files run in parallel, one process per core (pytest-xdist); a file's tests stay in one
# process, so a module's shared build is made once. The longest files start first (the order
# tests/conftest.py gives; xdist's own reordering by test count is off). TEST_WORKERS=0 runs
# them in this process.
TEST_WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder
test: setup lint typecheck
	$(PYTEST)

# The fast tier for the edit-run loop (under 90 s): every test not marked slow or browser.
check: setup
	$(PYTEST) -m "not slow and not browser"

clean:
	rm -rf $(VENV) site private dist build .pytest_cache .mypy_cache .ruff_cache
