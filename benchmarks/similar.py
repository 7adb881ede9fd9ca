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

After a write (issue 13): ``index_follow_ms`` the index catching up with one initiative rewritten
(in memory, ``similarity_index.follow``); ``synergies_after_write_same_ms`` / ``..._other_ms`` the
first synergies page after a write in the same / another specialty (the request applies the write,
lets the index follow it and forgets what moved; ``..._cpu_ms`` its CPU time, steadier on a busy
machine; ``..._other_cached`` the share of those pages that still found the page's pairs and partners
in the cache). ``index_save_ms`` / ``index_load_ms``: the index written to and read from the file
beside the store (graph/readmodel/similar.py). ``cold_similar_rebuild_s``: a new process answering
``tracker similar ID`` that must build the index (as every process did before the file), and
``cold_similar_s`` one that finds the saved index; ``..._cpu_s`` their CPU time.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import random
import resource
import statistics
import subprocess
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
GOALS = {"precision_at_3": ">= 0.8", "similar_ms": "< 20", "synergies_page_ms": "< 100",
         "synergies_after_write_same_ms": "< 100", "synergies_after_write_other_ms": "< 100", "cold_similar_s": "< 1"}


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
    figures["index_follow_ms"] = follow_ms(pg, picks[:20])
    if web:
        folder = Path(tempfile.mkdtemp())
        db = stored(doc, folder)
        figures["synergies_page_ms"], figures["synergies_page_cached_ms"] = web_page(db, chosen, max(3, runs // 20))
        figures.update(after_write(db, pg, max(5, runs // 20)))
        figures.update(index_file(db))
        figures.update(cold_similar(db, picks[0], 3))
    return figures


def follow_ms(pg: PortfolioGraph, initiatives: list[str]) -> float:
    """Median time for the index to follow one rewritten initiative (in memory)."""
    from graph.changeset import parse_record
    from graph.queries.similar import MIN_SCORE
    from graph.queries.similarity_index import follow

    times = []
    for k, item in enumerate(initiatives):
        data = dict(pg.data(item), id=item, title=f"Fælles rekrutteringskampagne {k}")
        before = pg.revision
        pg.apply([parse_record("initiative", data, "benchmark")])
        pg.revision += 1
        times.append(_ms(lambda before=before, item=item: follow(pg, before, [item], MIN_SCORE)))
    return round(statistics.median(times), 2)


def stored(doc: dict, folder: Path) -> Path:
    """The portfolio in a SQLite store in ``folder``."""
    from graph.store.sqlite import SQLiteStore

    with SQLiteStore(folder / "p.db") as store:
        store.apply(changeset_from_document(doc), "bench")
    return folder / "p.db"


def _app(db: Path, folder: Path):
    from web import create_app

    return create_app({"STORE_URL": f"sqlite:///{db}", "USERS_DB": str(folder / "u.db"), "SECRET_KEY": "bench",
                       "READ_WITHOUT_LOGIN": True})


def web_page(db: Path, specialties: list[str], runs: int) -> tuple[float, float]:
    """Median server-side time of a specialty's synergies page, pairs computed afresh each run."""
    app = _app(db, db.parent)
    client = app.test_client()
    holder = app.extensions["portfolio"]
    assert client.get(f"/specialty/{specialties[0]}/synergies").status_code == 200  # builds the index of this revision
    times = []
    for k in range(runs):
        holder.cache.forget(None)
        sid = specialties[k % len(specialties)]
        t0 = time.perf_counter()
        resp = client.get(f"/specialty/{sid}/synergies")
        times.append((time.perf_counter() - t0) * 1000)
        assert resp.status_code == 200, resp.status_code
    warm = []
    for k in range(runs):
        sid = specialties[k % len(specialties)]
        client.get(f"/specialty/{sid}/synergies")  # computed, if the loop above left it out
        t0 = time.perf_counter()
        client.get(f"/specialty/{sid}/synergies")
        warm.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 2), round(statistics.median(warm), 2)


def after_write(db: Path, pg: PortfolioGraph | None, runs: int) -> dict:
    """The first synergies page after a write: in the page's own specialty, and in another one.

    ``pg`` names the specialties to pick from; None: the application's own graph (one graph in memory).
    """
    from graph.changeset import ChangeSet, parse_record

    app = _app(db, db.parent)
    client = app.test_client()
    holder = app.extensions["portfolio"]
    rng = random.Random(3)
    specialties = (pg or holder.graph).ids("specialty")
    pairs = [rng.sample(specialties, 2) for _ in range(runs)]
    for shown, _elsewhere in pairs:
        assert client.get(f"/specialty/{shown}/synergies").status_code == 200  # cached at this revision

    def write(specialty: str, k: int) -> None:
        item = next(i for i in holder.graph.ids("initiative") if holder.graph.specialty_of(i) == specialty)
        data = copy.deepcopy(holder.graph.data(item))
        data["title"] = f"{data.get('title', '')} ({k})"
        holder.store.apply(ChangeSet([parse_record("initiative", dict(data, id=item), "bench")]), "bench")

    def page(specialty: str) -> tuple[float, float]:
        c0, t0 = time.process_time(), time.perf_counter()
        assert client.get(f"/specialty/{specialty}/synergies").status_code == 200
        return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000

    same, other, kept = [], [], 0
    for k, (shown, elsewhere) in enumerate(pairs):
        write(elsewhere, k)
        holder.current()
        kept += all(any(slot[0] == name and (slot[1] == shown or (isinstance(slot[1], tuple) and slot[1][0] == shown))
                        for slot in holder.cache._entries) for name in ("synergy_pairs", "synergies"))
        write(elsewhere, k + 1000)
        other.append(page(shown))
        write(shown, k)
        same.append(page(shown))
    return {
        "synergies_after_write_same_ms": round(statistics.median(t for t, _ in same), 1),
        "synergies_after_write_same_cpu_ms": round(statistics.median(c for _, c in same), 1),
        "synergies_after_write_other_ms": round(statistics.median(t for t, _ in other), 1),
        "synergies_after_write_other_cpu_ms": round(statistics.median(c for _, c in other), 1),
        "synergies_after_write_other_cached": round(kept / len(pairs), 2),
    }


def index_file(db: Path) -> dict:
    """Writing the index to the file beside the store, and reading it back."""
    from graph.readmodel import similar as similarfile
    from graph.store.sqlite import SQLiteStore

    with SQLiteStore(db) as store:
        pg = PortfolioGraph.from_store(store)
        index = similarfile.open_index(store, pg)
        path = similarfile.default_path(store)
        save = statistics.median(_ms(lambda: similarfile.save(store, index, path)) for _ in range(3))
        load = statistics.median(_ms(lambda: similarfile.load_index(store, pg)) for _ in range(3))
    return {"index_save_ms": round(save, 1), "index_load_ms": round(load, 1), "index_file_mb": round(path.stat().st_size / 1e6, 1)}


def cold_similar(db: Path, item: str, runs: int) -> dict:
    """``tracker similar ITEM`` in a new process: building the index, and finding it saved."""
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, TRACKER_STORE=f"sqlite:///{db}")
    saved = db.with_name(db.name + ".similar")

    def once() -> tuple[float, float]:
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tracker", "similar", item], cwd=root, env=env, capture_output=True, check=True)
        wall = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)

    once()  # the read model of this revision, as any earlier command leaves it
    rebuilt, found = [], []
    for _ in range(runs):
        saved.unlink(missing_ok=True)
        rebuilt.append(once())
        found.append(once())
    return {
        "cold_similar_rebuild_s": round(statistics.median(w for w, _ in rebuilt), 2),
        "cold_similar_rebuild_cpu_s": round(statistics.median(c for _, c in rebuilt), 2),
        "cold_similar_s": round(statistics.median(w for w, _ in found), 2),
        "cold_similar_cpu_s": round(statistics.median(c for _, c in found), 2),
    }


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
        print(f"{key:36} {value}{'  goal ' + GOALS[key] if key in GOALS else ''}")


if __name__ == "__main__":
    main()
