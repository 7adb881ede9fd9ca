"""The in-memory graph: edges as DESIGN.md names them, and kept current by revision."""
from __future__ import annotations

from graph.changeset import ChangeSet, parse_record
from graph.portfolio import PortfolioGraph
from graph.record import Record
from graph.store.sqlite import SQLiteStore


def edges(pg: PortfolioGraph, item: str) -> set[tuple[str, str, str]]:
    out = {(item, v, k) for v, k in pg.links_out(item)}
    return out | {(u, item, k) for u, k in pg.links_in(item)}


def test_edges_of_an_initiative_and_a_focus_area(small_graph):
    assert edges(small_graph, "geri-i1") == {
        ("geri-i1", "geri-fa1", "SERVES"),
        ("geri-i1", "geri-hs", "DELIVERED_AT"),
        ("eva", "geri-i1", "OWNS"),
        ("geri-i1", "theme:professional_development", "TAGGED"),
    }
    assert small_graph.into("geri-fa1", "SERVES") == ["geri-i1", "reum-i1"]
    assert small_graph.out("geri-fa1", "MEASURED_BY") == ["geri-ind1"]
    assert sorted(small_graph.into("geri-fa1", "ENABLES")) == ["geri-pre1", "geri-pre2"]
    assert small_graph.role_holders("geri", "specialty_owner") == ["bjorn"]
    assert small_graph.role_holders("geri-hs", "implementation_lead") == ["eva"]
    assert small_graph.out("geri", "IN") == ["bass"]


def test_counts_and_walks(small_graph):
    assert small_graph.count("initiative") == 3
    assert small_graph.count("role") == 5
    assert small_graph.specialty_of("geri-ind1") == "geri"
    assert small_graph.specialty_of("reum-i1") == "reum"
    assert small_graph.focus_areas_of("geri-amb") == ["geri-fa1", "geri-fa2"]
    assert small_graph.roles_of("bjorn") == [
        {"person": "bjorn", "role": "specialty_owner", "specialty": "geri"},
        {"person": "bjorn", "role": "core_team", "specialty": "reum", "note": "geriatrisk perspektiv"},
    ]


def test_refresh_applies_updates_and_deletes_from_another_connection(small_store, tmp_path):
    pg = PortfolioGraph.from_store(small_store)
    other = SQLiteStore(small_store.path)  # a second connection, as another process would have
    changed = parse_record("initiative", {"id": "geri-i1", "title": "Fælles undervisning", "focus_areas": ["geri-fa2"]}, "t")
    renamed_person = parse_record("person", {"id": "eva", "name": "Eva Holm Jensen"}, "t")
    other.apply(ChangeSet([changed, renamed_person], deletes=["role~karen~specialty_owner~reum"]), "other")
    assert pg.revision == 1
    assert pg.refresh(small_store) is True
    assert pg.revision == 2
    assert pg.into("geri-fa2", "SERVES") == ["geri-i1"]
    assert pg.into("geri-fa1", "SERVES") == ["reum-i1"]
    assert pg.data("eva")["name"] == "Eva Holm Jensen"
    # eva's own edges survive her update; geri-i1 lost its owner and place with its rewrite
    assert pg.out("eva", "OWNS") == ["reum-i1"]
    assert pg.role_holders("geri-hs", "implementation_lead") == ["eva"]
    assert pg.role_holders("reum", "specialty_owner") == []
    assert pg.refresh(small_store) is False
    fresh = PortfolioGraph.from_store(small_store)
    assert all_edges(fresh) == all_edges(pg)
    assert sorted(fresh.g.edges(keys=True)) == sorted(pg.g.edges(keys=True))
    other.close()


def all_edges(pg: PortfolioGraph) -> list[tuple[str, str, str]]:
    return sorted({e for rec in pg.records() if rec.kind != "role" for e in edges(pg, rec.id)})


def role(person: str, name: str, specialty: str) -> Record:
    return Record("role", f"role~{person}~{name}~{specialty}", {"person": person, "role": name, "specialty": specialty})


def test_two_roles_saying_the_same_make_one_edge_that_stays_while_one_remains():
    pg = PortfolioGraph([
        Record("specialty", "geri", {"id": "geri", "name": "Geriatri"}),
        Record("person", "eva", {"id": "eva", "name": "Eva"}),
        role("eva", "core_team", "geri"),
        Record("role", "again", {"person": "eva", "role": "core_team", "specialty": "geri", "note": "twice"}),
    ])
    assert pg.role_holders("geri", "core_team") == ["eva"]
    assert [r.get("note") for r in pg.roles_towards("geri")] == [None, "twice"]
    pg.remove("again")
    assert (pg.role_holders("geri", "core_team"), len(pg.roles_of("eva"))) == (["eva"], 1)
    pg.remove("role~eva~core_team~geri")
    assert (pg.role_holders("geri", "core_team"), pg.roles_of("eva"), pg.roles_towards("geri")) == ([], [], [])


def test_removing_a_node_drops_every_edge_that_touches_it_in_both_indexes(small_graph):
    small_graph.apply([], ["geri-ind1"])
    assert small_graph.out("geri-fa1", "MEASURED_BY") == []
    assert "geri-ind1" not in small_graph and small_graph.kind("geri-ind1") is None
    assert edges(small_graph, "geri-ind1") == set()


def test_a_programme_written_after_its_specialties_links_them():
    pg = PortfolioGraph([Record("specialty", "geri", {"id": "geri", "name": "Geriatri"}, programme="bass")])
    assert pg.out("geri", "IN") == []
    pg.apply([Record("programme", "bass", {"id": "bass", "name": "BASS"})])
    assert pg.out("geri", "IN") == ["bass"]
    assert pg.into("bass", "IN") == ["geri"]


def test_the_networkx_copy_has_every_node_and_edge_and_follows_changes(small_graph):
    g = small_graph.g
    assert g.number_of_nodes() == len(small_graph)
    assert g.number_of_edges() == small_graph.number_of_edges() == len(all_edges(small_graph))
    assert sorted((u, v, k) for u, v, k in g.edges(keys=True)) == all_edges(small_graph)
    assert g.edges["eva", "geri-hs", "IMPLEMENTATION_LEAD"]["role_id"] == "role~eva~implementation_lead~geri-hs"
    small_graph.apply([], ["orphan-i"])
    assert "orphan-i" not in small_graph.g and small_graph.g is not g
