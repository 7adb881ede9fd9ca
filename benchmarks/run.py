"""Benchmark of the tracker on a generated portfolio (not a test: it prints figures).

    python benchmarks/run.py --nodes 100000 --json

Measures, on a fresh SQLite store in a temporary folder: import of the generated file, building
the in-memory graph, one trace, full coverage, checks of one specialty, the web front end's
initiative page and overview (server-side, Flask test client), and peak memory. Medians of
several runs; the targets of issue 2 and 3 are printed beside them.

Fresh processes (issue 13): ``cold_trace_s`` is a whole new Python process that opens the store,
gets the graph from the prepared read model (graph.readmodel) and prints one trace, timed from
outside; ``cold_trace_cpu_s`` its CPU time (steadier than wall time on a busy machine);
``readmodel_load_s`` the load alone, timed inside; ``readmodel_first_open_s`` the first open,
which builds the graph and saves the read model. ``apply_change_ms`` and ``refresh_ms``: one
initiative rewritten and the graph brought up to date, after ``history_revisions`` earlier
change sets.

The server as people meet it (benchmarks/serving.py): ``serve_first_page_s`` from starting
``tracker serve`` to its first page; ``load_<N>_workers``: 4 clients signed in and cycling through
a page mix for ``--load-seconds`` (p50/p95 per page kind, requests per second) with 1 worker
process and with one per CPU; ``first_overview_after_write_ms``: the overview right after a write.
``formats``: YAML against JSON import and export (benchmarks/formats.py; ``--no-formats`` skips it).
``synergies_after_write_*`` and ``cold_similar_*``: the first synergies page after a write and
``tracker similar`` in a fresh process with and without the saved similarity index (benchmarks/similar.py).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(1, str(Path(__file__).resolve().parent))  # serving.py, formats.py

from graph.changeset import ChangeSet, parse_record  # noqa: E402
from graph.portfolio import PortfolioGraph  # noqa: E402
from graph.queries import check, coverage, trace  # noqa: E402
from graph.store.sqlite import SQLiteStore  # noqa: E402
from importers.portfolio_file import read_portfolio, write_document  # noqa: E402
from tracker.generate import generate_document  # noqa: E402

TARGETS_MS = {
    "import_s": 10_000,
    "build_graph_s": 2_000,
    "trace_ms": 1,
    "coverage_ms": 300,
    "check_specialty_ms": 20,
    "initiative_page_ms": 100,
    "overview_page_ms": 100,
    "cold_trace_s": 500,
    "apply_change_ms": 10,
    "serve_first_page_s": 1_000,
    "first_overview_after_write_ms": 100,
    "synergies_after_write_same_ms": 100,
    "synergies_after_write_other_ms": 100,
}


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def web_figures(store_url: str, folder: Path, initiatives: list[str], runs: int) -> dict:
    """Server-side render times of the initiative page and the overview, signed in as a reader."""
    from web import accounts, create_app

    users = folder / "users.db"
    accounts.add_user(users, "bench", "bench-password", person=None, display_name="Benchmark")
    app = create_app({"STORE_URL": store_url, "USERS_DB": str(users), "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    client.post("/login", data={"username": "bench", "password": "bench-password"})
    first = client.get("/")
    if first.status_code != 200:
        raise SystemExit(f"overview answered {first.status_code}")
    picks = iter(initiatives * (runs // max(len(initiatives), 1) + 1))

    def page() -> None:
        resp = client.get(f"/initiative/{next(picks)}")
        assert resp.status_code == 200, resp.status_code

    return {
        "initiative_page_ms": round(median_ms(page, runs), 2),
        "overview_page_ms": round(median_ms(lambda: client.get("/"), max(runs // 4, 3)), 2),
    }


def generated_portfolio(nodes: int, folder: Path, figures: dict) -> Path:
    """Write a generated portfolio of about ``nodes`` nodes (seed 1) as JSON; time it in ``figures``."""
    t0 = time.perf_counter()
    doc = generate_document(nodes, seed=1)
    figures["generate_s"] = round(time.perf_counter() - t0, 2)
    path = folder / "portfolio.json"
    write_document(doc, path, "json")
    return path


def serve_figures(db: Path, folder: Path, pg: PortfolioGraph, runs: int, seconds: float) -> dict:
    """``tracker serve`` in its own process: first page, the 4-client load test, the overview after a write."""
    import serving

    from web import accounts

    instance = folder / "instance"
    instance.mkdir(exist_ok=True)
    accounts.add_user(instance / "users.db", serving.USER, serving.PASSWORD, person=None, display_name="Benchmark")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    figures: dict = {"cpus": cpus, "serve_first_page_s": round(serving.first_page_s(db, instance, cpus, max(runs // 2, 3)), 2)}
    rng = random.Random(11)
    mix = serving.page_mix(
        rng.sample(pg.ids("specialty"), min(50, pg.count("specialty"))),
        rng.sample(pg.ids("initiative"), min(200, pg.count("initiative"))),
        rng.sample(pg.ids("person"), min(100, pg.count("person"))),
    )
    for workers in sorted({1, cpus}):
        with serving.served(db, instance, workers) as (base, _took):
            figures[f"load_{workers}_workers"] = serving.load_test(base, mix, clients=4, seconds=seconds)
    one = pg.ids("initiative")[-1]
    data = dict(pg.data(one))
    store = SQLiteStore(db)

    def write(i: int) -> None:
        data["title"] = f"Efter skrivning {i}"
        store.apply(ChangeSet([parse_record("initiative", data, "benchmark")]), "benchmark")

    with serving.served(db, instance, 1) as (base, _took):
        figures["first_overview_after_write_ms"] = round(serving.after_write_ms(base, write, "/", max(runs, 5)), 1)
    store.close()
    return figures


def run(nodes: int, runs: int, web: bool, load_seconds: float = 20.0, formats: bool = True) -> dict:
    figures: dict = {"nodes_requested": nodes}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = generated_portfolio(nodes, folder, figures)
        store = SQLiteStore(folder / "portfolio.db")

        t0 = time.perf_counter()
        changes = read_portfolio(path)
        applied = store.apply(changes, "benchmark")
        figures["import_s"] = round(time.perf_counter() - t0, 2)
        figures["records"] = len(applied.created)

        builds = []
        pg = None
        for _ in range(3):
            t0 = time.perf_counter()
            pg = PortfolioGraph.from_store(store)
            builds.append(time.perf_counter() - t0)
        # As a server or a command starts: a fresh process that only loads the store and builds.
        fresh = [build_in_fresh_process(folder / "portfolio.db") for _ in range(3)]
        figures["build_graph_s"] = round(statistics.median(fresh), 2)
        # In this process, beside the 100,000 parsed records of the import still in memory.
        figures["build_graph_in_process_s"] = round(statistics.median(builds), 2)
        figures["graph_nodes"] = len(pg)
        figures["graph_edges"] = pg.number_of_edges()

        rng = random.Random(7)
        initiatives = rng.sample(pg.ids("initiative"), min(500, pg.count("initiative")))
        it = iter(initiatives * 10)
        figures["trace_ms"] = round(median_ms(lambda: trace(pg, next(it)), 1000), 4)
        figures["coverage_ms"] = round(median_ms(lambda: coverage(pg), runs), 1)
        specialties = pg.ids("specialty")
        sp = iter(specialties * 50)
        figures["check_specialty_ms"] = round(median_ms(lambda: check(pg, next(sp)), max(runs, 20)), 2)
        figures["check_all_ms"] = round(median_ms(lambda: check(pg), 3), 1)
        figures["specialties"] = len(specialties)
        figures.update(cold_figures(folder / "portfolio.db", initiatives[0], runs))
        figures.update(write_figures(store, pg, initiatives[1], history=200))
        if web:
            figures.update(web_figures(store.url, folder, initiatives[:50], max(runs * 4, 20)))
            figures.update(serve_figures(folder / "portfolio.db", folder, pg, runs, load_seconds))
            # Similar work after a write and in a fresh process (benchmarks/similar.py tells what each is).
            import similar as similar_bench

            figures.update(similar_bench.after_write(folder / "portfolio.db", pg, max(runs, 5)))
            figures.update(similar_bench.cold_similar(folder / "portfolio.db", initiatives[0], min(runs, 3)))
        store.close()
    figures["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if formats:
        import formats as format_bench

        figures["formats"] = format_bench.run(nodes)
    figures["targets"] = {k: (f"< {v / 1000:g} s" if k.endswith("_s") else f"< {v} ms") for k, v in TARGETS_MS.items()}
    figures["targets"]["peak_memory_mb"] = "< 1024 MB"
    return figures


FRESH_BUILD = """
import sys, time
from graph.portfolio import PortfolioGraph
from graph.store.sqlite import SQLiteStore
store = SQLiteStore(sys.argv[1])
t0 = time.perf_counter()
PortfolioGraph.from_store(store)
print(time.perf_counter() - t0)
"""


COLD_TRACE = """
import sys, time
t0 = time.perf_counter()
from graph import readmodel
from graph.queries import trace
from graph.store.sqlite import SQLiteStore
store = SQLiteStore(sys.argv[1])
t1 = time.perf_counter()
pg = readmodel.open_graph(store)
t2 = time.perf_counter()
trace(pg, sys.argv[2]).to_json()
print(t1 - t0, t2 - t1)
"""


#: The anchor of issue 13: a plain script answering about the same trace with one SQLite query.
ANCHOR = """
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(
    "WITH RECURSIVE up(id, depth) AS (SELECT ?, 0 UNION SELECT r.dst, up.depth + 1 FROM refs r JOIN up ON r.src = up.id "
    "WHERE up.depth < 3) SELECT i.id, i.kind, i.data FROM up JOIN items i ON i.id = up.id",
    (sys.argv[2],),
).fetchall()
print(json.dumps([[item, kind, json.loads(data)] for item, kind, data in rows])[:0])
"""


def cold_figures(db: Path, initiative: str, runs: int) -> dict[str, float]:
    """A trace answered by a new process through the prepared read model (see the module docstring)."""
    root = Path(__file__).resolve().parent.parent

    def once() -> tuple[float, float, float, float]:
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", COLD_TRACE, str(db), initiative], cwd=root, capture_output=True, text=True, check=True
        )
        wall = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
        imports, load = (float(x) for x in out.stdout.split())
        return wall, cpu, imports, load

    def anchor() -> float:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", ANCHOR, str(db), initiative], cwd=root, capture_output=True, check=True)
        return time.perf_counter() - t0

    db.with_name(db.name + ".readmodel").unlink(missing_ok=True)
    first = once()
    timed, anchors = [], []
    for _ in range(max(runs, 3)):  # paired: each cold trace beside an anchor run
        timed.append(once())
        anchors.append(anchor())
    cold, plain = statistics.median(t[0] for t in timed), statistics.median(anchors)
    return {
        "anchor_sqlite_script_s": round(plain, 3),
        "cold_trace_vs_anchor": round(cold / plain, 2),
        "readmodel_first_open_s": round(first[3], 2),
        "cold_trace_s": round(statistics.median(t[0] for t in timed), 3),
        "cold_trace_cpu_s": round(statistics.median(t[1] for t in timed), 3),
        "cold_imports_s": round(statistics.median(t[2] for t in timed), 3),
        "readmodel_load_s": round(statistics.median(t[3] for t in timed), 3),
    }


def write_figures(store: SQLiteStore, pg: PortfolioGraph, initiative: str, history: int) -> dict[str, float]:
    """Median time to apply a one-initiative change set, and to refresh the graph after it."""
    data = dict(pg.data(initiative))
    applied, refreshed = [], []
    for i in range(history + 20):
        data["title"] = f"Benchmark {i}"
        changes = ChangeSet([parse_record("initiative", data, "benchmark")])
        t0 = time.perf_counter()
        store.apply(changes, "benchmark")
        t1 = time.perf_counter()
        pg.refresh(store)
        t2 = time.perf_counter()
        if i >= history:
            applied.append(t1 - t0)
            refreshed.append(t2 - t1)
    return {
        "history_revisions": history,
        "apply_change_ms": round(statistics.median(applied) * 1000, 2),
        "refresh_ms": round(statistics.median(refreshed) * 1000, 2),
    }


def build_in_fresh_process(db: Path) -> float:
    """Seconds to build the graph from the store in a new Python process (timed inside it)."""
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", FRESH_BUILD, str(db)], cwd=root, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="runs per median for the slower figures")
    parser.add_argument("--json", action="store_true", help="print JSON (default: a table)")
    parser.add_argument("--no-web", action="store_true", help="leave out the web page figures")
    parser.add_argument("--load-seconds", type=float, default=20.0, help="length of each 4-client load test")
    parser.add_argument("--no-formats", action="store_true", help="leave out YAML against JSON (benchmarks/formats.py)")
    args = parser.parse_args()
    figures = run(args.nodes, args.runs, not args.no_web, args.load_seconds, not args.no_formats)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            if key != "targets":
                print(f"{key:22} {value}   {figures['targets'].get(key, '')}")


if __name__ == "__main__":
    main()
