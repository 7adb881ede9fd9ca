"""Every query of docs/cypher.md, run against a real Neo4j holding the demo, gives the tracker's own answer.

The tracker's answer comes from the in-memory graph of the same portfolio in SQLite
(``PortfolioGraph`` and its accessors), so a query that drifts from the model fails here.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import neo4j
import pytest

from graph.portfolio import PortfolioGraph
from graph.queries.textsim import stem, stems
from graph.relations import Relation
from graph.store import open_store
from graph.store.bolt.native import property_name, text_properties
from graph.vocabulary import THEMES
from tracker.cli import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "cypher.md"


def questions() -> dict[int, str]:
    """The numbered questions of the document and their Cypher."""
    found = re.findall(r"^## (\d+)\.[^\n]*\n(?:(?!^## ).)*?```cypher\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S | re.M)
    return {int(number): query for number, query in found}


def specialties_served(pg: PortfolioGraph, initiative: str) -> set[str]:
    return {s for f in pg.out(initiative, Relation.SERVES) for a in pg.out(f, Relation.PART_OF) for s in pg.out(a, Relation.OF)}


def answer(pg: PortfolioGraph, number: int) -> list[dict]:
    """The tracker's answer to question ``number``, as the rows the query returns."""
    today = dt.date.today()
    initiatives = pg.ids("initiative")
    if number == 1:
        counts: dict[str, int] = {}
        for i in initiatives:
            if pg.data(i).get("status") == "in_progress":
                for s in specialties_served(pg, i):
                    counts[s] = counts.get(s, 0) + 1
        return [{"specialty": s, "initiatives": n} for s, n in sorted(counts.items())]
    if number == 2:
        return [{"focus_area": f} for f in sorted(pg.ids("focus_area")) if not pg.initiatives_serving(f)]
    if number == 3:
        rows = [(pg.kind(n), n, (pg.data(n).get("reasons") or {}).get("hr-pakke")) for n in pg.into("hr-pakke", Relation.DRAWS_ON)]
        return [{"kind": k, "id": n, "reason": r} for k, n, r in sorted(rows)]
    if number == 4:
        return [{"focus_area": f, "ambition": a, "specialty": s} for f in sorted(pg.focus_areas_served("lunge-i2"))
                for a in pg.out(f, Relation.PART_OF) for s in pg.out(a, Relation.OF)]
    if number == 5:
        found = []
        for p in sorted(pg.ids("person")):
            specialties = list(dict.fromkeys(r["specialty"] for r in pg.roles_of(p) if r.get("specialty")))
            if len(specialties) >= 2:
                found.append({"person": p, "specialties": sorted(specialties)})
        return found
    if number == 6:
        rows = []
        for i in sorted(pg.ids("indicator")):
            dates = [dt.date.fromisoformat(r["date"]) for r in pg.data(i).get("readings", [])]
            last = max(dates) if dates else None
            if last is None or last < today - dt.timedelta(days=90):
                rows.append({"indicator": i, "last": last})
        return rows
    if number == 7:
        per: dict[str, int] = {}
        for i in initiatives:
            for key in dict.fromkeys(pg.data(i).get("themes", [])):
                per[THEMES[key][1]] = per.get(THEMES[key][1], 0) + 1
        return [{"theme": t, "initiatives": n} for t, n in sorted(per.items(), key=lambda kv: (-kv[1], kv[0]))]
    if number == 8:
        return [{"challenge": c} for c in sorted(pg.ids("challenge")) if not pg.into(c, Relation.ADDRESSES)]
    if number == 9:
        return [{"prerequisite": p, "status": pg.data(p).get("status"), "focus_areas": pg.out(p, Relation.ENABLES)}
                for p in sorted(pg.ids("prerequisite")) if pg.data(p).get("status") != "met" and pg.out(p, Relation.ENABLES)]
    if number == 10:
        horizon = today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) else today + dt.timedelta(days=365)
        rows = [(dt.date.fromisoformat(pg.data(i)["end"]), i) for i in initiatives
                if pg.data(i).get("end") and pg.data(i).get("status") != "done"]
        return [{"initiative": i, "ends": end} for end, i in sorted(rows) if end <= horizon]
    if number == 11:
        wanted = stem("rekruttering")
        names = set(text_properties())
        hits = []
        for kind in sorted({r.kind for r in pg.records()}):
            for item in sorted(pg.ids(kind)):
                texts = [v for k, v in pg.data(item).items()
                         if isinstance(v, str) and ("title" if k == "title" else property_name(kind, k)) in names]
                if any(wanted in stems(t) for t in texts):
                    hits.append({"kind": kind, "id": item})
        return hits
    raise AssertionError(f"no answer written for question {number}")


def test_the_document_has_ten_questions_or_more():
    assert sorted(questions()) == list(range(1, 12))


@pytest.fixture(scope="module")
def demo_on_both(shared_neo4j, tmp_path_factory):
    """The demo in the session's Neo4j and in a SQLite store; the SQLite one's graph."""
    shared_neo4j.wipe()
    sqlite = f"sqlite:///{tmp_path_factory.mktemp('cypher') / 'demo.db'}"
    for url in (shared_neo4j.url(), sqlite):
        assert main(["demo", "--store", url]) == 0
    with open_store(sqlite) as store:
        yield shared_neo4j, PortfolioGraph.from_store(store)


def plain(value):
    """A Neo4j value as the Python one the tracker holds (dates as ``datetime.date``)."""
    if isinstance(value, neo4j.time.Date):
        return value.to_native()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


@pytest.mark.parametrize("number", sorted(questions()))
def test_each_query_gives_the_trackers_answer(demo_on_both, number):
    server, pg = demo_on_both
    with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{server.port}", auth=server.auth) as driver:
        records = driver.execute_query(questions()[number], database_="neo4j").records
    got = [{k: plain(v) for k, v in r.items()} for r in records]
    if number in (5, 9):  # collect() gives no order
        got = [{k: sorted(v) if isinstance(v, list) else v for k, v in row.items()} for row in got]
    expected = answer(pg, number)
    if number == 9:
        expected = [{**row, "focus_areas": sorted(row["focus_areas"])} for row in expected]
    assert got == expected
    assert got, f"question {number} has no rows on the demo: the test would not notice a query that finds nothing"
