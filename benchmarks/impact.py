"""Benchmark of impact analysis and search (issue 23); not a test: it prints figures.

    python benchmarks/impact.py --nodes 100000 [--json]

On a generated portfolio of about ``--nodes`` nodes (seed 1, tracker/generate.py), in memory, with
programme support offers added (the generator makes none): ``SUPPORT_OFFERS`` offers, each
prerequisite drawing on one of them with a skew (the first, "HR-pakke til fastholdelse", on about
a third of all prerequisites) and one initiative in twenty drawing on one directly.

``impact_busiest_ms``: ``impact`` of the offer most drawn on with its counts per specialty and
hospital; ``impact_busiest_page_ms`` with the JSON an element page shows (the first specialties'
dependants, every path in both languages); ``impact_busiest_json_ms`` the whole JSON (the API's
answer and the export's rows); ``impact_site_ms`` of the busiest site; medians of several runs.
``diagram_200_s``: the board's picture (web/diagram.py) of the busiest offer cut to about 200 boxes,
laid out by Graphviz ``dot`` as SVG (``diagram_nodes`` says how many; ``diagram_200_png_s`` as PNG at 150
dpi); goal under 1 s.
``search_index_s``: building the search index (once per revision on the web); ``search_ms``: per
query, the median of ``search_elements`` with the index built. Goals (issue 23): impact of the
busiest support offer under 100 ms, search under 50 ms.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.portfolio import PortfolioGraph  # noqa: E402
from graph.queries.impact import Impact, impact  # noqa: E402
from graph.queries.search import search_elements, search_index  # noqa: E402
from graph.relations import Relation  # noqa: E402
from importers.document import changeset_from_document  # noqa: E402
from tracker.generate import generate_document  # noqa: E402

SUPPORT_OFFERS = ("HR-pakke til fastholdelse", "Transaktionspulje", "Fælles rekrutteringskampagne", "Lederudvikling",
                  "Kompetencefond", "Digital understøttelse", "Uddannelsespulje", "Tværgående vagtlag")
#: What an element page shows of the list (web/views/impact.py): specialties, and dependants per kind in each.
PAGE_GROUPS, PAGE_ITEMS = 12, 25
QUERIES = ("HR-pakke", "HR-pakken", "pakke", "rekruttering", "Holbæk", "geri")
GOALS_MS = {"impact_busiest_ms": 100, "search_ms": 50}


def _median_ms(fn: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def with_support_offers(doc: dict, seed: int = 1) -> dict:
    """The document with SUPPORT_OFFERS drawn on by its prerequisites (skewed) and a few initiatives."""
    rng = random.Random(seed)
    doc["support_offers"] = [{"id": f"so-{i}", "title": title, "status": "approved"} for i, title in enumerate(SUPPORT_OFFERS)]
    weights = [1 / (i + 1) for i in range(len(SUPPORT_OFFERS))]
    ids = [o["id"] for o in doc["support_offers"]]
    for pre in doc.get("prerequisites", []):
        pre["draws_on"] = [rng.choices(ids, weights)[0]]
    for ini in doc.get("initiatives", []):
        if rng.random() < 0.05:
            ini["draws_on"] = [rng.choices(ids, weights)[0]]
    return doc


def _answer(found: Impact) -> object:
    """What the question asks for beyond the walk: the counts per specialty and per hospital."""
    return found.by_specialty, found.by_site


def run(nodes: int) -> dict:
    doc = with_support_offers(generate_document(nodes, seed=1))
    records = changeset_from_document(doc, "generated").upserts
    pg = PortfolioGraph(records)
    busiest = max(pg.ids("support_offer"), key=lambda o: len(pg.into(o, Relation.DRAWS_ON)))
    site = max(pg.ids("site"), key=lambda s: len(pg.into(s, Relation.AT)) + len(pg.into(s, Relation.DELIVERED_AT)))
    found = impact(pg, busiest)
    start = time.perf_counter()
    index = search_index(pg)
    index_s = time.perf_counter() - start
    figures: dict = {
        "nodes": nodes, "elements": len(records), "busiest_offer": busiest,
        "busiest_dependants": len(found.dependants), "busiest_specialties": len(found.by_specialty),
        "busiest_paths": sum(d.path_count for d in found.dependants),
        "impact_busiest_ms": _median_ms(lambda: _answer(impact(pg, busiest))),
        "impact_busiest_page_ms": _median_ms(lambda: impact(pg, busiest).to_json(groups=PAGE_GROUPS, items=PAGE_ITEMS)),
        "impact_busiest_json_ms": _median_ms(lambda: impact(pg, busiest).to_json(), runs=3),
        "impact_site_ms": _median_ms(lambda: _answer(impact(pg, site))),
        "search_index_s": round(index_s, 2),
        "search_ms": {q: _median_ms(lambda q=q: search_elements(pg, q, index=index)) for q in QUERIES},
    }
    figures.update(_diagram(found))
    figures["goals_ms"] = GOALS_MS
    return figures


def _diagram(found: Impact) -> dict:
    """The picture of ``found`` with as many boxes per specialty and specialties as make about 200 boxes."""
    from web import diagram

    diagram.PER_GROUP = 8
    for shown in range(4, 200):
        diagram.SPECIALTIES = shown
        source = diagram.dot_source(found)
        nodes = len(re.findall(r"^\s+n\d+ \[", source, flags=re.M))
        if nodes >= 200:
            break
    start = time.perf_counter()
    diagram.render(source, "svg")
    layout = time.perf_counter() - start
    start = time.perf_counter()
    diagram.render(source, "png")
    return {"diagram_nodes": nodes, "diagram_200_s": round(layout, 2), "diagram_200_png_s": round(time.perf_counter() - start, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = run(args.nodes)
    print(json.dumps(figures, indent=2, ensure_ascii=False) if args.json else "\n".join(f"{k}: {v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
