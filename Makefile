# The project's verbs. Each one sets up .venv by itself from the pins in pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Reinstall whenever pyproject.toml changes.
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help venv generate check-generated validate-spec lint unit contract test fake bench clean

help:
	@echo "make contract         contract suite, thorough profile (built-in fake, or the live site in JIRA_BASE_URL)"
	@echo "make test             everything offline: lint, spec and generated-code checks, unit and contract tests"
	@echo "make generate         regenerate generated/ from spec/"
	@echo "make check-generated  fail when generated/ differs from a fresh generation"
	@echo "make lint             ruff and mypy --strict on hand-written code"
	@echo "make fake             run the built-in fake Jira on http://127.0.0.1:$${FAKE_JIRA_PORT:-8765}"
	@echo "make bench            benchmarks against the built-in fake"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip==25.3
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,fake]'
	touch $(STAMP)

venv: $(STAMP)

generate: $(STAMP)
	$(PY) scripts/generate.py

check-generated: $(STAMP)
	$(PY) scripts/generate.py --check

validate-spec: $(STAMP)
	$(BIN)/openapi-spec-validator spec/jira-remote-links.openapi.yaml

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest tests

contract: $(STAMP)
	mkdir -p reports
	# Thorough against the fake; the gentle live profile when a live site is configured.
	if [ -n "$${JIRA_BASE_URL:-}" ]; then default=live; else default=thorough; fi; \
	CONTRACT_PROFILE=$${CONTRACT_PROFILE:-$$default} $(BIN)/pytest contract_tests --junitxml=reports/contract.xml

test: lint validate-spec check-generated $(STAMP)
	$(BIN)/pytest

fake: $(STAMP)
	$(PY) scripts/run_fake.py --host 127.0.0.1 --port $${FAKE_JIRA_PORT:-8765}

bench: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,fake,bench]'
	$(PY) scripts/bench.py

clean:
	rm -rf $(VENV) reports .pytest_cache .mypy_cache .ruff_cache .hypothesis
