# The project's verbs. Each one sets up .venv by itself: the package from pyproject.toml (ranges), at the
# exact versions in constraints.txt (the one place versions are pinned).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PIP := $(PY) -m pip --disable-pip-version-check
# Reinstall whenever the dependencies or their pins change.
STAMP := $(VENV)/.installed
CONSTRAINTS := constraints.txt
# The same package at the lowest versions pyproject.toml allows, for `make test-lowest`.
LOWEST_VENV := .venv-lowest
LOWEST_PY := $(LOWEST_VENV)/bin/python
LOWEST_STAMP := $(LOWEST_VENV)/.installed
LOWEST_CONSTRAINTS := constraints-lowest.txt
# The test tools of the lowest run, at their pins in constraints.txt.
LOWEST_TOOLS := ^(pytest|pytest-timeout|hypothesis|sortedcontainers|iniconfig|pluggy|packaging|pygments|setuptools)==
# What the lowest run covers: the client, the generated code and the README example (httpx, attrs, anyio,
# sniffio), the fake's links and admin API (Starlette, uvicorn, PyYAML) and the tools end to end (rich), with
# fewer property examples, without the two slowest fault-injection runs and without the mypy check (mypy is
# a development tool, tested at its pin); the pinned run covers everything.
# The contract suite and generation need the development toolchain, which is tested at its pins.
LOWEST_TESTS := tests/client tests/generated tests/test_path_quoting.py tests/test_readme.py \
	tests/fake/test_fake_links.py tests/fake/test_fake_jobs_faults_admin.py \
	tests/tools/test_job_runner.py tests/tools/test_bulk_end_to_end.py
LOWEST_PYTEST_ARGS := -p no:cacheprovider -p tests.packaging.lowest_run --hypothesis-profile=lowest \
	-k "not injected_faults and not stopped_halfway and not mypy_strict"

.DEFAULT_GOAL := help
.PHONY: help venv generate check-generated validate-spec lint unit contract contract-repeat test test-lowest wheel fake bench clean

help:
	@echo "make contract         contract suite, thorough profile (built-in fake, or the live site in JIRA_BASE_URL)"
	@echo "make contract-repeat  RUNS=30 live and thorough contract runs, interleaved; lists every failure"
	@echo "make test             everything offline: lint, spec and generated-code checks, unit and contract tests,"
	@echo "                      the installed-wheel checks and the tests at the lowest allowed versions"
	@echo "make test-lowest      client, fake and tool tests at the lowest dependency versions pyproject.toml allows"
	@echo "make wheel            build the wheel into dist/"
	@echo "make generate         regenerate generated/ from spec/"
	@echo "make check-generated  fail when generated/ differs from a fresh generation"
	@echo "make lint             ruff and mypy --strict on hand-written code"
	@echo "make fake             run the built-in fake Jira on http://127.0.0.1:$${FAKE_JIRA_PORT:-8765}"
	@echo "make bench            benchmarks against the built-in fake"

$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet -c $(CONSTRAINTS) --upgrade pip setuptools
	# The pinned setuptools builds the editable install, so no build environment is fetched.
	$(PIP) install --quiet -c $(CONSTRAINTS) --no-build-isolation -e '.[dev,fake]'
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
	# The installed command (`pip install 'jira-remote-links[contract]'` gives users the same): the live site
	# when JIRA_BASE_URL is set, with the gentle live profile; otherwise the built-in fake, thorough profile.
	$(BIN)/jira-remote-links-contract --reports reports

# The proof that the suite does not fail by chance: RUNS live-profile runs against a second fake interleaved
# with RUNS thorough runs against the built-in fake, distinct seeds, one checkout (scripts/contract_repeat.py).
RUNS ?= 30
contract-repeat: $(STAMP)
	$(PY) scripts/contract_repeat.py --runs $(RUNS) $(if $(MAX_MINUTES),--max-minutes $(MAX_MINUTES))

test: lint validate-spec check-generated test-lowest $(STAMP)
	$(OFFLINE) $(BIN)/pytest

fake: $(STAMP)
	$(BIN)/fake-jira --host 127.0.0.1 --port $${FAKE_JIRA_PORT:-8765}

$(LOWEST_STAMP): pyproject.toml $(CONSTRAINTS) $(LOWEST_CONSTRAINTS) $(STAMP)
	rm -rf $(LOWEST_VENV)
	# No pip of its own: .venv's pip fills it (`--python`), from pip's cache.
	$(PYTHON) -m venv --without-pip $(LOWEST_VENV)
	$(PIP) --python $(LOWEST_PY) install --quiet -c $(CONSTRAINTS) setuptools
	$(PIP) --python $(LOWEST_PY) install --quiet --no-build-isolation \
		-c $(LOWEST_CONSTRAINTS) -e '.[fake]' $$(grep -iE '$(LOWEST_TOOLS)' $(CONSTRAINTS))
	$(PIP) --python $(LOWEST_PY) check
	touch $(LOWEST_STAMP)

test-lowest: $(LOWEST_STAMP)
	$(PIP) --python $(LOWEST_PY) list --format=freeze | grep -iE "^($$(sed -n 's/==.*//p' $(LOWEST_CONSTRAINTS) | paste -sd'|'))=="
	$(LOWEST_PY) -m pytest $(LOWEST_PYTEST_ARGS) $(LOWEST_TESTS)

wheel: $(STAMP)
	rm -rf dist
	$(PIP) wheel --quiet --no-deps --no-build-isolation --wheel-dir dist .

bench: $(STAMP)
	$(PIP) install --quiet -c $(CONSTRAINTS) --no-build-isolation -e '.[dev,fake,bench]'
	$(PY) scripts/bench.py

clean:
	rm -rf $(VENV) $(LOWEST_VENV) dist build reports .pytest_cache .mypy_cache .ruff_cache .hypothesis
