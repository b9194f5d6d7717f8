# convention-validator — every target creates the environment it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: all demo serve test generate examples messages check-generated lint docs bench clean system-deps

all: test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## system-deps: Debian packages for PDF rendering (WeasyPrint: Pango), PDF-to-PNG checks
## (poppler-utils), browser tests (Chromium), the third SHACL engine (Apache Jena, with a JDK) and
## the Virtuoso 7.2 server of the endpoint tests; installed only when missing, with apt-get as root
SYSTEM_TOOLS := pdftoppm chromium
system-deps:
	@missing=""; for tool in $(SYSTEM_TOOLS); do command -v $$tool >/dev/null 2>&1 || missing="$$missing $$tool"; done; \
	ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || missing="$$missing pango"; \
	command -v javac >/dev/null 2>&1 || missing="$$missing javac"; \
	[ -f /usr/share/java/jena-shacl.jar ] || missing="$$missing jena"; \
	command -v virtuoso-t >/dev/null 2>&1 || missing="$$missing virtuoso"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages for:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    poppler-utils chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
	    default-jdk-headless libapache-jena-java virtuoso-opensource >/dev/null; \
	fi

## generate: regenerate the EU enumerations and every artifact from schema/, the reference pages of the
## site (docs/reference/) and the YAML tabs of the model pages
generate: $(STAMP)
	$(BIN)/python scripts/generate_eu_tables.py
	$(BIN)/python scripts/generate_artifacts.py
	$(BIN)/python scripts/generate_labels.py
	$(BIN)/python scripts/generate_reference_index.py
	$(BIN)/python scripts/generate_catalogue.py
	$(BIN)/python scripts/generate_docs_reference.py
	$(BIN)/python scripts/generate_yaml_examples.py

## examples: rewrite examples/invalid/ from the valid Auch convention (one defect each)
examples: $(STAMP)
	$(BIN)/python scripts/make_invalid_examples.py

## messages: re-extract the gettext catalogue (locale/messages.pot), update the French and English
## catalogues (a new French text is left empty, to translate in its .po) and compile the .mo files
messages: $(STAMP)
	$(BIN)/python scripts/update_messages.py

## check-generated: fail if regenerating would change a committed artifact
check-generated: $(STAMP)
	$(BIN)/python scripts/generate_artifacts.py --check
	$(BIN)/python scripts/generate_labels.py --check
	$(BIN)/python scripts/freeze_release.py --check
	$(BIN)/python scripts/update_messages.py --check
	$(BIN)/python scripts/generate_reference_index.py --check
	$(BIN)/python scripts/generate_catalogue.py --check
	$(BIN)/python scripts/generate_docs_reference.py --check
	$(BIN)/python scripts/generate_yaml_examples.py --check

## lint: ruff, mypy and linkml lint
lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks
	$(BIN)/mypy
	$(BIN)/linkml lint schema/clauses_data.yaml

## test: lint, then the whole test suite (it includes the generated-artifacts check)
test: $(STAMP) system-deps lint
	$(BIN)/python -m pytest

## demo: set up, regenerate, check the examples end to end
demo: $(STAMP) system-deps generate
	$(BIN)/convention-validator --version
	$(BIN)/python scripts/demo.py
	@echo "Documentation : make docs, puis ouvrir site/index.html"
	@echo "Espace de travail : make serve (convention-validator serve --store build/demo/espace-de-travail), puis http://127.0.0.1:8000/"

## serve: the web workspace (editor, explorer, validation API) over the examples harvested by `make demo`
serve: $(STAMP)
	@[ -d build/demo/espace-de-travail ] || $(BIN)/convention-validator harvest examples/valid --store build/demo/espace-de-travail --no-progress || true
	$(BIN)/convention-validator serve --store build/demo/espace-de-travail

## docs: build the documentation site (strict) into site/
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict -d site
	@echo "Site : $(CURDIR)/site/index.html"

## bench: every benchmark, then one table of each figure beside its target (with the machine and the date)
BENCH_RESULTS := build/bench-results.jsonl
bench: $(STAMP)
	mkdir -p build && rm -f $(BENCH_RESULTS)
	$(BIN)/python benchmarks/bench_generated_artifacts.py
	BENCH_RESULTS=$(BENCH_RESULTS) $(BIN)/python benchmarks/bench_validator.py --no-pipeline
	BENCH_RESULTS=$(BENCH_RESULTS) $(BIN)/python benchmarks/bench_indicators.py 1000
	BENCH_RESULTS=$(BENCH_RESULTS) $(BIN)/python benchmarks/bench_harvest.py --sizes 1000 --no-baseline
	BENCH_RESULTS=$(BENCH_RESULTS) $(BIN)/python benchmarks/bench_harvest_sources.py --sizes 1000,100000
	BENCH_RESULTS=$(BENCH_RESULTS) $(BIN)/python benchmarks/bench_web.py
	BENCH_RESULTS=$(BENCH_RESULTS) $(BIN)/python benchmarks/bench_web_editor.py
	$(BIN)/python benchmarks/targets.py $(BENCH_RESULTS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
