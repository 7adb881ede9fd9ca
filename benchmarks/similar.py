"""Benchmark of similar work (issue 15); not a test: it prints figures.

    python benchmarks/similar.py --nodes 100000 [--json] [--no-web]

Quality: precision and recall of the top 3 suggestions on the hand-labelled set
(tests/fixtures/similar_labels.yaml over tests/fixtures/similar_portfolio.yaml and the demo), as
graph.queries.similar_quality defines them; the misses are listed.

Speed, on a generated portfolio of about ``--nodes`` nodes (seed 1): building the index for a
revision (``index_build_s``), then the similar elements of one initiative (``similar_ms``: median
and 95th percentile over many initiatives), the pairs of one specialty (``pairs_ms``) and the
synergies page server-side (``synergies_page_ms``, Flask test client, the page cache cleared per
run so each run computes pairs and partners afresh, as the first view after a change does; the
index is kept, as it is per revision; ``synergies_page_cached_ms`` a later view at the same revision).
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.portfolio import PortfolioGraph  # noqa: E402
from graph.queries.similar import pairs_of_specialty, similar  # noqa: E402
from graph.queries.similar_quality import quality  # noqa: E402
from graph.queries.similarity_index import index_of  # noqa: E402
from importers.document import changeset_from_document  # noqa: E402
from tracker.demo import demo_document  # noqa: E402
from tracker.generate import generate_document  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
GOALS = {"precision_at_3": ">= 0.8", "similar_ms": "< 20", "synergies_page_ms": "< 100"}


def labelled_quality() -> dict:
    """Precision and recall at 3 over the labelled set, with the misses."""
    labels = yaml.safe_load((FIXTURES / "similar_labels.yaml").read_text(encoding="utf-8"))
    built = yaml.safe_load((FIXTURES / "similar_portfolio.yaml").read_text(encoding="utf-8"))
    hits = misses = found = wanted = 0
    wrong: list[str] = []
    lost: list[str] = []
    for name, doc in (("similar_portfolio", built), ("demo", demo_document())):
        pg = PortfolioGraph(changeset_from_document(doc).upserts)
        lab = labels[name]
        q = quality(pg, lab.get("same", []), lab.get("not_same", []), closed=lab["closed"], k=3)
        hits, misses, found, wanted = hits + q.hits, misses + q.misses, found + q.found, wanted + q.wanted
        wrong += [f"{name}: {a} -> {b}" for a, b in q.wrong]
        lost += [f"{name}: {a} -/-> {b}" for a, b in q.lost]
    return {
        "precision_at_3": round(hits / (hits + misses), 3), "recall_at_3": round(found / wanted, 3),
        "judged": hits + misses, "same_pairs_both_ways": wanted, "wrong": wrong, "lost": lost,
    }


def _ms(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def speed(nodes: int, runs: int, web: bool) -> dict:
    figures: dict = {"nodes": nodes}
    doc = generate_document(nodes, seed=1)
    pg = PortfolioGraph(changeset_from_document(doc).upserts, revision=1)
    figures["graph_nodes"] = len(pg)
    figures["initiatives"] = pg.count("initiative")
    t0 = time.perf_counter()
    index_of(pg)
    figures["index_build_s"] = round(time.perf_counter() - t0, 2)
    rng = random.Random(1)
    picks = rng.sample(pg.ids("initiative"), min(runs, pg.count("initiative")))
    times = sorted(_ms(lambda i=i: similar(pg, i)) for i in picks)
    figures["similar_ms"] = round(statistics.median(times), 2)
    figures["similar_p95_ms"] = round(times[int(len(times) * 0.95) - 1], 2)
    specialties = pg.ids("specialty")
    chosen = rng.sample(specialties, min(5, len(specialties)))
    figures["pairs_ms"] = round(statistics.median(_ms(lambda s=s: pairs_of_specialty(pg, s)) for s in chosen), 2)
    if web:
        figures["synergies_page_ms"], figures["synergies_page_cached_ms"] = web_page(doc, chosen, max(3, runs // 20))
    return figures


def web_page(doc: dict, specialties: list[str], runs: int) -> float:
    """Median server-side time of a specialty's synergies page, pairs computed afresh each run."""
    from graph.store.sqlite import SQLiteStore
    from web import create_app

    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'p.db'}"
    store = SQLiteStore(folder / "p.db")
    store.apply(changeset_from_document(doc), "bench")
    store.close()
    app = create_app({"STORE_URL": url, "USERS_DB": str(folder / "u.db"), "SECRET_KEY": "bench", "READ_WITHOUT_LOGIN": True})
    client = app.test_client()
    assert client.get(f"/specialty/{specialties[0]}/synergies").status_code == 200  # builds the index of this revision
    times = []
    for k in range(runs):
        app.extensions.get("page_cache", {}).clear()
        sid = specialties[k % len(specialties)]
        t0 = time.perf_counter()
        resp = client.get(f"/specialty/{sid}/synergies")
        times.append((time.perf_counter() - t0) * 1000)
        assert resp.status_code == 200, resp.status_code
    warm = []
    for k in range(runs):
        sid = specialties[k % len(specialties)]
        t0 = time.perf_counter()
        client.get(f"/specialty/{sid}/synergies")
        warm.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 2), round(statistics.median(warm), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200, help="initiatives looked up (default 200)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-web", action="store_true", help="skip the synergies page")
    args = parser.parse_args()
    figures = {"quality": labelled_quality(), "speed": speed(args.nodes, args.runs, not args.no_web), "goals": GOALS}
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    q, s = figures["quality"], figures["speed"]
    print(f"precision@3 {q['precision_at_3']}  recall@3 {q['recall_at_3']}  ({q['judged']} judged suggestions, "
          f"{q['same_pairs_both_ways']} same-work pairs both ways)")
    for line in q["wrong"] + q["lost"]:
        print(f"  {line}")
    for key, value in s.items():
        print(f"{key:22} {value}{'  goal ' + GOALS[key] if key in GOALS else ''}")


if __name__ == "__main__":
    main()
