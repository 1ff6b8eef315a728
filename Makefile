# govgraph: two commands set everything up on a fresh machine.
#   make demo   install into .venv, build the graph, validate it, answer "who assigned what to whom"
#   make test   install with the test extras and run the whole suite (tests start their own servers)

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
GG     := $(VENV)/bin/govgraph
PIP    := $(PY) -m pip install --quiet --disable-pip-version-check

.PHONY: install install-test system-deps build validate demo test bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test system-deps

# Java runs HermiT for the ontology consistency test; install it where the machine lacks it.
system-deps:
	@command -v java >/dev/null 2>&1 || { \
	  echo "installing a Java runtime for HermiT"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

build: install
	$(GG) build

validate: build
	$(GG) validate --quiet

DEMO_COLUMNS := assigner_name,assigner_post,assigned_to,task,issued,due,status,tasks

demo: install
	$(GG) build
	$(GG) validate --quiet
	$(GG) query who-assigned-what --columns $(DEMO_COLUMNS)

test: install-test
	$(PY) -m pytest

bench: install build
	$(PY) bench/query.py

clean:
	rm -rf build .pytest_cache
