# convention-validator — every target creates the environment it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: all demo test generate examples check-generated lint docs bench clean

all: test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## generate: regenerate the EU enumerations and every artifact from schema/
generate: $(STAMP)
	$(BIN)/python scripts/generate_eu_tables.py
	$(BIN)/python scripts/generate_artifacts.py

## examples: rewrite examples/invalid/ from the valid Auch convention (one defect each)
examples: $(STAMP)
	$(BIN)/python scripts/make_invalid_examples.py

## check-generated: fail if regenerating would change a committed artifact
check-generated: $(STAMP)
	$(BIN)/python scripts/generate_artifacts.py --check

## lint: ruff, mypy and linkml lint
lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks
	$(BIN)/mypy
	$(BIN)/linkml lint schema/clauses_data.yaml

## test: lint, then the whole test suite (it includes the generated-artifacts check)
test: $(STAMP) lint
	$(BIN)/python -m pytest

## demo: set up, regenerate, check the examples end to end
demo: $(STAMP) generate
	$(BIN)/convention-validator --version
	$(BIN)/python scripts/demo.py

## docs: placeholder until the documentation site lands
docs: $(STAMP)
	@echo "Documentation site: see docs/ (mkdocs build arrives with the authoring issue)."

## bench: benchmarks
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_generated_artifacts.py
	$(BIN)/python benchmarks/bench_validator.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
