"""The page cache forgets, after a write, only what belongs to the specialties the write touches."""
from __future__ import annotations

import copy

from graph.cache.touched import touched_specialties
from graph.changeset import parse_record
from graph.portfolio import PortfolioGraph
from graph.queries import coverage
from graph.record import ChangeSet
from tests.conftest import SMALL


def _rows(client) -> dict[str, dict]:
    resp = client.get("/api/v1/coverage")
    assert resp.status_code == 200
    return {row["id"]: row for row in resp.get_json()["specialties"]}


def test_deleting_a_geri_indicator_recomputes_geri_and_keeps_reum(app, client):
    holder = app.extensions["portfolio"]
    before = _rows(client)
    assert before["geri"]["focus_areas_without_indicators"] == ["geri-fa2"]
    client.get("/api/v1/checks?specialty=reum")
    reum_row = holder.cache._entries[("coverage_row", "reum")][1]

    holder.store.apply(ChangeSet(deletes=["geri-ind1"]), "test")
    holder.current()

    assert ("coverage_row", "geri") not in holder.cache
    assert ("coverage", None) not in holder.cache
    assert ("api_coverage", None) not in holder.cache
    assert ("coverage_row", "reum") in holder.cache
    assert ("api_checks", ("reum", "da")) in holder.cache
    after = _rows(client)
    assert after["geri"]["focus_areas_without_indicators"] == ["geri-fa1", "geri-fa2"]
    assert after["geri"]["counts"]["indicators"] == 0
    assert holder.cache._entries[("coverage_row", "reum")][1] is reum_row
    # The same answer as a graph built afresh from the store.
    fresh = coverage(PortfolioGraph.from_store(holder.store)).to_json()
    assert client.get("/api/v1/coverage").get_json() == fresh


def test_an_initiative_moved_to_another_specialty_touches_both(app, client):
    holder = app.extensions["portfolio"]
    _rows(client)
    data = copy.deepcopy(next(i for i in SMALL["initiatives"] if i["id"] == "geri-i1"))
    data["focus_areas"] = ["reum-fa1"]
    data.pop("strength_position", None)
    holder.store.apply(ChangeSet([parse_record("initiative", data, "test")]), "test")
    holder.current()
    assert ("coverage_row", "geri") not in holder.cache
    assert ("coverage_row", "reum") not in holder.cache
    rows = _rows(client)
    assert rows["geri"]["counts"]["initiatives"] == 1  # reum-i1 still serves geri-fa1
    assert rows["reum"]["counts"]["initiatives"] == 2


def test_a_change_of_no_specialty_forgets_everything(app, client):
    holder = app.extensions["portfolio"]
    _rows(client)
    pg = holder.current()
    assert touched_specialties(pg, ["holb"]) is None  # a site: any specialty may show it
    assert touched_specialties(pg, ["karen"]) == {"reum"}  # a person: where they hold roles
    assert touched_specialties(pg, ["eva"]) == {"geri", "reum"}  # a lead at geri-hs who owns reum-i1 too
    site = dict(pg.data("holb"))
    site["name"] = "Holbæk Akutsygehus"
    holder.store.apply(ChangeSet([parse_record("site", site, "test")]), "test")
    holder.current()
    assert len(holder.cache) == 0


def test_a_full_page_cache_lets_the_oldest_quarter_go_and_keeps_the_rest(monkeypatch):
    from graph.cache import page

    monkeypatch.setattr(page, "CACHE_LIMIT", 8)
    cache = page.PageCache()
    for i in range(8):
        cache.get("row", i, f"sp{i}", lambda i=i: i)
    cache.get("row", 8, "sp8", lambda: 8)
    # Not everything: at 1,786 specialties a cache that started afresh forgot rows no write touched.
    assert [i for i in range(9) if ("row", i) in cache] == [2, 3, 4, 5, 6, 7, 8]
    assert cache.get("row", 5, "sp5", lambda: "computed again") == 5
