# govgraph: two commands set everything up on a fresh machine.
#   make demo   install into .venv, build the graph, validate it, answer "who assigned what to whom"
#   make test   install with the test extras and run the whole suite (tests start their own servers)

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
GG     := $(VENV)/bin/govgraph
PIP    := $(PY) -m pip install --quiet --disable-pip-version-check

.PHONY: install install-test system-deps assets serve build validate demo test bench bench-cold bench-serve pictures clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test system-deps assets

# The query page's YASGUI comes from npm, pinned in package.json/package-lock.json, into node_modules/ (not committed).
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "installing npm for the query page's assets"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

assets: node_modules/.installed

# Java runs HermiT for the ontology consistency test, Chromium the browser tests; install them where missing.
system-deps:
	@command -v java >/dev/null 2>&1 || { \
	  echo "installing a Java runtime for HermiT"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Chromium for the browser tests of govgraph serve"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@dpkg -s libapache-jena-java >/dev/null 2>&1 || { \
	  echo "installing Apache Jena (govgraph load --into jena-tdb2, and the SHACL baseline of bench/jena_shacl.py)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libapache-jena-java >/dev/null; }
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  echo "installing Virtuoso for the tests of govgraph load"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null; }

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

# cold start of a command against bare pyoxigraph; its SYNTHETIC store is made once, outside build/
bench-cold: install build
	$(PY) bench/cold.py

serve: install assets
	$(GG) serve

bench-serve: install-test assets
	$(PY) bench/serve.py

# validation against Apache Jena's SHACL (installed by system-deps) and plain pySHACL, on the build + SYNTHETIC data
.PHONY: bench-validate
bench-validate: install-test build
	$(PY) bench/validate.py

clean:
	rm -rf build .pytest_cache

# The README's network pictures: Hải Phòng's lineage and chain of command, and the SYNTHETIC register's flow.
pictures: build
	$(GG) graph lineage --province 31 --title "Thành phố Hải Phòng: sắp xếp đơn vị hành chính ngày 1/7/2025" \
	  --draw docs/img/lineage-31.png
	$(GG) graph command --unit 31 --date 2025-10-02 --draw docs/img/command-31.png
	$(GG) ingest examples/register-synthetic.csv --issued 2025-09-30 --out build/register-synthetic.ttl
	$(GG) graph assignments --data build/register-synthetic.ttl --source id:register/register-synthetic/source \
	  --title "Sổ theo dõi nhiệm vụ GIẢ LẬP (synthetic register): 300 nhiệm vụ" --draw docs/img/assignments-synthetic.png
