# One entry point for contributors and CI. `make serve` and `make test` install what they need.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
SITE_INSTALLED := $(VENV)/.installed-site
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
# apt-get needs root; use sudo when not running as root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test browser-deps check rules format new release build lint schemas site-diff benchmark-build benchmark-lighthouse clean

# What building and serving the site needs (requirements.txt) ...
$(SITE_INSTALLED): requirements.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(SITE_INSTALLED)

# ... and what the tests and tools need on top (requirements-dev.txt).
$(INSTALLED): $(SITE_INSTALLED) requirements-dev.txt
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(INSTALLED)

$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_INSTALLED)

browser-deps:  ## Debian's Chromium for the browser tests (installed with apt-get if missing)
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

serve: $(SITE_INSTALLED)  ## Serve the site at http://127.0.0.1:8000/ and reload on edits
	$(PYTHON) -m mkdocs serve --dev-addr 127.0.0.1:8000

test: $(INSTALLED) $(NODE_INSTALLED) browser-deps  ## Data check, format check, lint and the whole test suite (browser tests included)
	$(PYTHON) -m aicompare check
	$(PYTHON) -m aicompare format --check
	$(PYTHON) -m ruff check .
	$(PYTHON) -m pytest

check: $(SITE_INSTALLED)  ## Validate data/ and print every problem
	$(PYTHON) -m aicompare check

rules: $(SITE_INSTALLED)  ## List the loader's named rules
	$(PYTHON) -m aicompare check --rules

format: $(SITE_INSTALLED)  ## Put every data file in canonical form (key order, sorted id lists, wrapping)
	$(PYTHON) -m aicompare format

# ARGS holds what follows `new`, e.g. make new ARGS="technology gnn --name 'Graph neural network' --kind architecture ..."
new: $(SITE_INSTALLED)  ## Start a technology, industry or glossary term: make new ARGS="technology ID --name ... --source ..."
	$(PYTHON) -m aicompare new $(ARGS)

release: $(SITE_INSTALLED)  ## Write the open data release of the current data into releases/ (then commit it)
	$(PYTHON) -m aicompare release

build: $(SITE_INSTALLED)  ## Build the static site into site/
	$(PYTHON) -m mkdocs build --strict

lint: $(INSTALLED)
	$(PYTHON) -m ruff check .

schemas: $(SITE_INSTALLED)  ## Regenerate the JSON Schemas in schemas/ after changing aicompare/models.py
	$(PYTHON) -m aicompare schemas

# BASE and HEAD are git revisions; left empty they default to origin/main (or HEAD, HEAD~1) and the working tree.
site-diff: $(INSTALLED)  ## Report the pages a change affects: make site-diff [BASE=origin/main] [HEAD=rev] [OUT=report.md]
	$(PYTHON) -m aicompare site-diff $(BASE) $(HEAD) $(if $(OUT),--out $(OUT))

# ARGS passes options through, e.g. make benchmark-build ARGS="--quick --only build,serve"
benchmark-build: $(SITE_INSTALLED)  ## Time the build, the macros layer, scaling on synthetic data and serve reloads
	$(PYTHON) benchmarks/build.py $(ARGS)

benchmark-lighthouse: $(INSTALLED) $(NODE_INSTALLED)  ## Lighthouse scores, page weight and requests for one page of each kind
	$(PYTHON) benchmarks/lighthouse.py $(ARGS)

clean:
	rm -rf site .pytest_cache
