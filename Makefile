# Two entry points for a new machine: `make run` (the main job) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test setup lint browser clean neo4j-launcher neo4j

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@# Bytecode of the tracker's own modules written now, so the first command is as quick as the next
	@# (an editable install does not compile them, and PYTHONDONTWRITEBYTECODE would keep it so).
	$(PY) -m compileall -q graph importers web tracker
	touch $@

setup: $(VENV)/.installed

run: setup
	$(VENV)/bin/tracker serve --demo

browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

# The code's own gates: lint (ruff: E, F, B, I, UP) and types (mypy; --strict flags on graph/).
lint: setup
	$(PY) -m ruff check graph importers web tracker tests benchmarks devservers
	$(PY) -m mypy graph importers web tracker

test: setup lint browser neo4j-launcher
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

clean:
	rm -rf $(VENV) instance .pytest_cache
