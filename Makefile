# One entry point for contributors and CI. `make serve` and `make test` install what they need.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check format build lint schemas site-diff clean

$(INSTALLED): requirements.txt requirements-dev.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(INSTALLED)

serve: $(INSTALLED)  ## Serve the site at http://127.0.0.1:8000/ and reload on edits
	$(PYTHON) -m mkdocs serve --dev-addr 127.0.0.1:8000

test: $(INSTALLED)  ## Data check, lint and the whole test suite
	$(PYTHON) -m aicompare check
	$(PYTHON) -m ruff check .
	$(PYTHON) -m pytest

check: $(INSTALLED)  ## Validate data/ and print every problem
	$(PYTHON) -m aicompare check

format: $(INSTALLED)  ## Put every data file in canonical form (key order, sorted id lists, wrapping)
	$(PYTHON) -m aicompare format

build: $(INSTALLED)  ## Build the static site into site/
	$(PYTHON) -m mkdocs build --strict

lint: $(INSTALLED)
	$(PYTHON) -m ruff check .

schemas: $(INSTALLED)  ## Regenerate the JSON Schemas in schemas/ after changing aicompare/models.py
	$(PYTHON) -m aicompare schemas

# BASE and HEAD are git revisions; left empty they default to origin/main (or HEAD, HEAD~1) and the working tree.
site-diff: $(INSTALLED)  ## Report the pages a change affects: make site-diff [BASE=origin/main] [HEAD=rev] [OUT=report.md]
	$(PYTHON) -m aicompare site-diff $(BASE) $(HEAD) $(if $(OUT),--out $(OUT))

clean:
	rm -rf site .pytest_cache
