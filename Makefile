# Two entry points for a new machine: `make run` (the main job) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test setup lint browser browser-tools clean neo4j-launcher neo4j oidc-provider

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@# Bytecode of the tracker's own modules written now, so the first command is as quick as the next
	@# (an editable install does not compile them, and PYTHONDONTWRITEBYTECODE would keep it so).
	$(PY) -m compileall -q graph importers web tracker
	touch $@

# Graphviz `dot` lays out the board's pictures of what depends on an element (web/diagram.py): a
# Debian package, installed here as the browser tests' chromium is.
graphviz:
	@command -v dot >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null)

setup: $(VENV)/.installed graphviz

run: setup
	$(VENV)/bin/tracker serve --demo

browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

# What the browser tests inject into pages (axe-core), from tests/browser/package-lock.json; never served by the app.
BROWSER_TOOLS := tests/browser/node_modules/.installed
$(BROWSER_TOOLS): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
	touch $@

browser-tools: $(BROWSER_TOOLS)

# The code's own gates: lint (ruff: E, F, B, I, UP) and types (mypy; --strict flags on graph/).
lint: setup
	$(PY) -m ruff check graph importers web tracker tests benchmarks devservers
	$(PY) -m mypy graph importers web tracker

test: setup lint browser browser-tools neo4j-launcher oidc-provider
	$(PY) -m pytest

# A real Neo4j 5.26 Community for the tests and for trying the Neo4j store (Java 17 and Maven;
# the first build downloads Neo4j from Maven Central into ~/.m2, later builds use that copy).
NEO4J_LAUNCHER := neo4j-launcher/target/built.stamp
NEO4J_PORT ?= 7687
NEO4J_DATA ?= instance/neo4j
# A change set is one Neo4j transaction, held in the heap until it commits: a 100,000-element
# import needs about 3 GB (512m held about 20,000). The tests start their own, smaller servers.
NEO4J_HEAP ?= 3g

$(NEO4J_LAUNCHER): neo4j-launcher/pom.xml $(wildcard neo4j-launcher/src/main/java/tracker/neo4j/*.java)
	mvn -q -f neo4j-launcher/pom.xml compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	touch $@

neo4j-launcher: $(NEO4J_LAUNCHER)

# In the foreground until Ctrl-C; then TRACKER_STORE=neo4j://127.0.0.1:$(NEO4J_PORT)/neo4j
neo4j: $(NEO4J_LAUNCHER)
	exec java -Xmx$(NEO4J_HEAP) -XX:+UseSerialGC -cp neo4j-launcher/target/classes:$$(cat neo4j-launcher/target/classpath.txt) \
		tracker.neo4j.Launcher --port $(NEO4J_PORT) --data $(NEO4J_DATA)

# A real OpenID Connect provider for the sign-in tests (panva's oidc-provider, Node): the locked npm
# packages into devservers/oidc/node_modules; the tests start it themselves (devservers/oidc_provider.py).
OIDC_PROVIDER := devservers/oidc/node_modules/.package-lock.json

$(OIDC_PROVIDER): devservers/oidc/package.json devservers/oidc/package-lock.json
	npm ci --prefix devservers/oidc --no-audit --no-fund --loglevel=error
	touch $@

oidc-provider: $(OIDC_PROVIDER)

clean:
	rm -rf $(VENV) instance .pytest_cache tests/browser/node_modules devservers/oidc/node_modules
