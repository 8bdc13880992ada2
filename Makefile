# The project's verbs. Each one sets up .venv by itself from the pins in pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Reinstall whenever pyproject.toml changes.
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help venv generate check-generated validate-spec lint unit contract contract-repeat test fake bench clean

help:
	@echo "make contract         contract suite, thorough profile (built-in fake, or the live site in JIRA_BASE_URL)"
	@echo "make contract-repeat  RUNS=30 live and thorough contract runs, interleaved; lists every failure"
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

# `make test` and `make unit` are offline whatever the shell exports: the live variables (which users export
# for the tools) are dropped and the contract suite is pinned to the built-in fake.
OFFLINE := env -u JIRA_BASE_URL -u JIRA_EMAIL -u JIRA_API_TOKEN -u JIRA_TEST_ISSUE -u LINKS_API_BASE_URL \
	-u ATLASSIAN_SITE_ID -u CONTRACT_ALLOW_JOBS CONTRACT_TARGET=fake

unit: $(STAMP)
	$(OFFLINE) $(BIN)/pytest tests

contract: $(STAMP)
	mkdir -p reports
	# The live site when JIRA_BASE_URL is set (CONTRACT_TARGET=fake|live overrides), with the gentle live
	# profile; otherwise the built-in fake with the thorough profile.
	if [ -n "$${JIRA_BASE_URL:-}" ]; then kind=live; else kind=fake; fi; kind=$${CONTRACT_TARGET:-$$kind}; \
	if [ "$$kind" = live ]; then profile=live; else profile=thorough; fi; \
	CONTRACT_TARGET=$$kind CONTRACT_PROFILE=$${CONTRACT_PROFILE:-$$profile} \
	$(BIN)/pytest contract_tests --junitxml=reports/contract.xml --contract-markdown=reports/contract.md

# The proof that the suite does not fail by chance: RUNS live-profile runs against a second fake interleaved
# with RUNS thorough runs against the built-in fake, distinct seeds, one checkout (scripts/contract_repeat.py).
RUNS ?= 30
contract-repeat: $(STAMP)
	$(PY) scripts/contract_repeat.py --runs $(RUNS) $(if $(MAX_MINUTES),--max-minutes $(MAX_MINUTES))

test: lint validate-spec check-generated $(STAMP)
	$(OFFLINE) $(BIN)/pytest

fake: $(STAMP)
	$(PY) scripts/run_fake.py --host 127.0.0.1 --port $${FAKE_JIRA_PORT:-8765}

bench: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,fake,bench]'
	$(PY) scripts/bench.py

clean:
	rm -rf $(VENV) reports .pytest_cache .mypy_cache .ruff_cache .hypothesis
