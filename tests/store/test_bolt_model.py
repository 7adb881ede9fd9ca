"""The native graph model in a real Neo4j: fields as typed properties, reasons on links, themes as
nodes; and ``tracker migrate`` from the previous model (fields only in ``data``), tested on a store
written in that model."""
from __future__ import annotations

import neo4j
import pytest
import yaml
from neo4j.spatial import WGS84Point

from graph.store.bolt import BoltStore
from tests.store.test_bolt_cli import small_file, tracker  # noqa: F401  (small_file is a fixture)

__all__ = ["small_file"]


def cypher(server, statement: str, **params) -> list[dict]:
    with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{server.port}", auth=server.auth) as driver:
        return [dict(r) for r in driver.execute_query(statement, params, database_="neo4j").records]


def graph_dump(server) -> tuple[list, list]:
    """Every node's labels and properties and every relationship's, sorted, as a comparable value."""
    nodes = cypher(server, "MATCH (n) WHERE NOT n:TrackerMeta AND NOT n:AuditEntry AND NOT n:AuditPart AND NOT n:AuditData "
                           "RETURN labels(n) AS labels, properties(n) AS props")
    rels = cypher(server, "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.key, a.holder + '#' + a.seq) AS a, type(r) AS type, properties(r) AS props, "
                          "coalesce(b.id, b.key) AS b")
    return sorted((sorted(n["labels"]), sorted(n["props"].items(), key=str)) for n in nodes), sorted(
        (r["a"], r["type"], sorted(r["props"].items()), r["b"]) for r in rels)


@pytest.fixture
def loaded(bolt_server, tmp_path, small_file):  # noqa: F811
    """The small portfolio in Neo4j, then changed through the tracker: a reason on one link, one reading fewer."""
    url = bolt_server.url()
    assert tracker("import", str(small_file), store=url).returncode == 0
    doc = yaml.safe_load(small_file.read_text(encoding="utf-8"))
    doc["initiatives"][0]["reasons"] = {"geri-fa1": "Undervisning løfter faget"}
    doc["indicators"][0]["readings"] = doc["indicators"][0]["readings"][1:] + [{"date": "2026-09-01", "value": 81.5}]
    changed = tmp_path / "changed.yaml"
    changed.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    run = tracker("import", str(changed), "--force", store=url)
    assert (run.returncode, run.stdout.strip()) == (0, "Importeret (revision 2): 0 nye, 2 ændrede, 0 slettede, 32 uændrede")
    return bolt_server


def test_fields_are_properties_of_their_neo4j_type(loaded):
    rows = cypher(loaded, "MATCH (i:Initiative {status: 'in_progress'}) RETURN i.id AS id, i.start AS start, i.end AS end")
    assert rows == [{"id": "geri-i1", "start": neo4j.time.Date(2026, 2, 1), "end": neo4j.time.Date(2026, 12, 31)}]
    site = cypher(loaded, "MATCH (s:Site {id: 'holb'}) RETURN s.position AS pos, s.site_kind AS kind, s.lat AS lat, s.name AS name")
    assert site == [{"pos": WGS84Point((11.71, 55.71)), "kind": "acute_hospital", "lat": 55.71, "name": "Holbæk Sygehus"}]
    amb = cypher(loaded, "MATCH (a:Ambition {id: 'geri-amb'}) RETURN a.horizon_months AS months, a.approved_on AS on")
    assert amb == [{"months": 24, "on": neo4j.time.Date(2026, 3, 1)}]
    # References are relationships, not properties.
    assert cypher(loaded, "MATCH (i:Initiative {id: 'reum-i1'}) RETURN i.focus_areas AS fa, i.site AS site") == [{"fa": None, "site": None}]


def test_a_reason_is_on_its_relationship_and_themes_are_nodes(loaded):
    reasons = cypher(loaded, "MATCH (i:Initiative)-[r:SERVES]->(f:FocusArea) WHERE r.reason IS NOT NULL "
                             "RETURN i.id AS i, f.id AS f, r.reason AS reason")
    assert reasons == [{"i": "geri-i1", "f": "geri-fa1", "reason": "Undervisning løfter faget"}]
    themes = cypher(loaded, "MATCH (n:Item)-[:TAGGED]->(t:Theme) RETURN t.key AS key, t.name_da AS name, count(n) AS n ORDER BY key")
    assert themes == [
        {"key": "professional_development", "name": "Faglige udviklingsmuligheder", "n": 1},
        {"key": "recruitment_retention", "name": "Rekruttering og fastholdelse", "n": 5},
        {"key": "responsibility", "name": "Organisering af ansvar", "n": 1},
        {"key": "strong_environments", "name": "Stærke faglige miljøer", "n": 1},
    ]


def test_readings_are_nodes_of_their_indicator_and_follow_its_changes(loaded):
    rows = cypher(loaded, "MATCH (r:Reading)-[:OF]->(i:Indicator) RETURN i.id AS i, r.date AS date, r.value AS value, "
                          "r.note AS note ORDER BY date")
    assert rows == [
        {"i": "geri-ind1", "date": neo4j.time.Date(2026, 6, 1), "value": 78, "note": "ny rekruttering"},
        {"i": "geri-ind1", "date": neo4j.time.Date(2026, 9, 1), "value": 81.5, "note": None},
    ]
    assert cypher(loaded, "MATCH (i:Indicator {id: 'geri-ind1'}) RETURN i.readings AS r, i.baseline AS b") == [{"r": None, "b": 70}]


def test_the_danish_full_text_index_finds_a_stemmed_word(loaded):
    rows = cypher(loaded, "CALL db.index.fulltext.queryNodes('tracker_texts', 'rekrutteringskampagner') YIELD node RETURN node.id AS id")
    assert [r["id"] for r in rows] == ["reum-i1"]


def downgrade_to_model_1(server) -> None:
    """Rewrite the graph as the previous model left it: fields only in ``data``, no reasons, no themes."""
    cypher(server, "MATCH (n:Item) SET n = {id: n.id, kind: n.kind, programme: n.programme, data: n.data, "
                   "version: n.version, revision: n.revision, title: n.title}")
    cypher(server, "MATCH ()-[r]->() REMOVE r.reason")
    cypher(server, "MATCH (t:Theme) DETACH DELETE t")
    cypher(server, "MATCH (p:ItemPart) DETACH DELETE p")
    cypher(server, "MATCH (m:TrackerMeta) SET m.schema = 1 REMOVE m.instance")


def test_migrate_brings_a_model_1_store_to_the_native_model_once(loaded):
    url = loaded.url()
    written = graph_dump(loaded)
    exported = tracker("export", store=url).stdout
    downgrade_to_model_1(loaded)
    assert graph_dump(loaded) != written

    refused = tracker("trace", "geri-i1", store=url)
    assert (refused.returncode, refused.stderr.strip()) == (
        1, f"Bolt-lageret {url} har den gamle model 1; kør 'tracker migrate' for at bringe det til model 2")

    run = tracker("migrate", store=url)
    assert (run.returncode, run.stdout.strip()) == (0, "migreret fra model 1 til model 2: 34 elementer")
    assert graph_dump(loaded) == written
    assert tracker("export", store=url).stdout == exported

    again = tracker("migrate", store=url, lang="en")
    assert (again.returncode, again.stdout.strip()) == (0, "the store is already in model 2; nothing was changed")
    assert graph_dump(loaded) == written


def test_a_store_of_a_newer_model_is_refused(loaded):
    url = loaded.url()
    cypher(loaded, "MATCH (m:TrackerMeta) SET m.schema = 3")
    for command in (["migrate"], ["coverage"]):
        run = tracker(*command, store=url, lang="en")
        assert (run.returncode, run.stderr.strip()) == (
            1, f"the Bolt store at {url} is in model 3, newer than this tracker's 2: update the tracker")


def test_a_store_made_before_stores_had_an_id_gets_one_once(loaded):
    cypher(loaded, "MATCH (m:TrackerMeta) REMOVE m.instance")
    with BoltStore(loaded.url()) as store:
        first = store.identity()
    with BoltStore(loaded.url()) as store:
        assert store.identity() == first != "bolt:"
    assert cypher(loaded, "MATCH (m:TrackerMeta) RETURN m.instance AS i") == [{"i": first.removeprefix("bolt:")}]


def test_the_history_reads_the_audit_of_both_shapes(loaded):
    """Many changes per ``AuditData`` node now; a store written before has one node per change."""
    with BoltStore(loaded.url()) as store:
        packed, one = store.history(), store.history("geri-i1")
        assert cypher(loaded, "MATCH (d:AuditData) RETURN count(d) AS n") == [{"n": 2}]  # one per revision here
        cypher(loaded, "MATCH (d:AuditData) UNWIND range(0, size(d.items) - 1) AS i "
                       "CREATE (:AuditData {revision: d.revision, seq: d.seq * 1000 + i, item: d.items[i], side: d.sides[i], "
                       "piece: 0, text: d.texts[i]}) WITH DISTINCT d DELETE d")
        assert cypher(loaded, "MATCH (d:AuditData) WHERE d.items IS NULL RETURN count(d) AS n") == [{"n": 38}]
        assert (store.history(), store.history("geri-i1")) == (packed, one)
        assert [(c.revision, c.op) for c in one] == [(1, "create"), (2, "update")]
