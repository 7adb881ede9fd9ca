"""Benchmark of the tracker on a generated portfolio (not a test: it prints figures).

    python benchmarks/run.py --nodes 100000 --json

Measures, on a fresh SQLite store in a temporary folder: import of the generated file, building
the in-memory graph, one trace, full coverage, checks of one specialty, the web front end's
initiative page and overview (server-side, Flask test client), and peak memory. Medians of
several runs; the targets of issue 2 and 3 are printed beside them.

Fresh processes (issue 13): ``cold_trace_s`` is the command a user types, ``tracker trace ID``, in
a new process, timed from outside, beside ``anchor_sqlite_script_s`` (a plain script answering
about the same trace with one SQLite query; paired runs); ``cold_trace_cpu_s`` its CPU time
(steadier than wall time on a busy machine); ``cold_coverage_s`` the same for ``tracker coverage``
(a question about the whole graph); ``readmodel_open_s`` opening the read model lazily and
``readmodel_load_s`` loading it whole, timed inside; ``readmodel_first_open_s`` the first open,
which builds the graph and saves the read model. The commands run as on a machine where Python
keeps its bytecode caches (PYTHONDONTWRITEBYTECODE removed, one run first to write them). ``apply_change_ms`` and ``refresh_ms``: one
initiative rewritten and the graph brought up to date, after ``history_revisions`` earlier
change sets.

The server as people meet it (benchmarks/serving.py): ``serve_first_page_s`` from starting
``tracker serve`` to its first page; ``load_<N>_workers``: 4 clients signed in and cycling through
a page mix for ``--load-seconds`` (p50/p95 per page kind, requests per second) with 1 worker
process and with one per CPU; ``first_overview_after_write_ms``: the overview right after a write.
``formats``: YAML against JSON import and export (benchmarks/formats.py; ``--no-formats`` skips it).
``synergies_after_write_*`` and ``cold_similar_*``: the first synergies page after a write and
``tracker similar`` in a fresh process with and without the saved similarity index (benchmarks/similar.py).

Memory, per real process (issue 13: under 1 GB at 200k): ``import_peak_mb``, ``cold_read_peak_mb``,
``cold_first_open_peak_mb`` and ``export_peak_mb`` are fresh ``tracker`` commands (process_peaks);
``serve_peak_mb`` the largest process of ``tracker serve`` after the load test, and per load test
``peak_mb`` and ``pss_mb`` (the whole server, shared pages counted once); ``web_peak_mb`` the fresh
process the Flask test client figures are taken in. ``peak_memory_mb`` is this benchmark process
(generate, import, three builds, queries, writes, the load tests' clients), holding one graph at a
time; ``peak_memory_by_phase_mb`` says where it was reached.
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


def own_peak_mb() -> float:
    """This process's peak resident set so far, in MB (VmHWM where Linux /proc has it: in a process
    started by another, ``ru_maxrss`` begins at the peak of the process that started it)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


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


def _with_peak(fn: Callable[..., dict], *args: object) -> dict:
    figures = fn(*args)
    figures[f"{fn.__name__.removesuffix('_figures')}_peak_mb"] = own_peak_mb()
    return figures


def in_fresh_process(fn: Callable[..., dict], *args: object) -> dict:
    """``fn(*args)`` (a function of this module) in a new interpreter, with its peak as ``<name>_peak_mb``."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return dict(pool.apply(_with_peak, (fn, *args)))


def similar_after_write(db: Path, runs: int) -> dict:
    """benchmarks/similar.py's first synergies page after a write, on a graph of its own (for in_fresh_process)."""
    import similar as similar_bench

    return dict(similar_bench.after_write(db, None, runs))


def serve_picks(pg: PortfolioGraph) -> dict:
    """What serve_figures asks for (the load test's page mix, the item it rewrites), taken from the graph
    so that the graph itself can go before the web figures are taken."""
    rng = random.Random(11)
    one = pg.ids("initiative")[-1]
    return {
        "specialties": rng.sample(pg.ids("specialty"), min(50, pg.count("specialty"))),
        "initiatives": rng.sample(pg.ids("initiative"), min(200, pg.count("initiative"))),
        "people": rng.sample(pg.ids("person"), min(100, pg.count("person"))),
        "rewritten": dict(pg.data(one)),
    }


def settle() -> None:
    """Let this process drop what a finished phase left: background similarity index builds end, and
    objects frozen out of the collector's sight (graph.bulk.paused_gc) are collected again if unreachable."""
    import gc
    import threading

    for thread in threading.enumerate():
        if thread.name == "similarity-index":
            thread.join()
    gc.unfreeze()
    gc.collect()


def serve_figures(db: Path, folder: Path, picks: dict, runs: int, seconds: float) -> dict:
    """``tracker serve`` in its own process: first page, the 4-client load test, the overview after a write.

    ``picks`` comes from serve_picks.
    """
    import serving

    from web import accounts

    instance = folder / "instance"
    instance.mkdir(exist_ok=True)
    accounts.add_user(instance / "users.db", serving.USER, serving.PASSWORD, person=None, display_name="Benchmark")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    wall, cpu = serving.first_page(db, instance, cpus, max(runs // 2, 3))
    figures: dict = {"cpus": cpus, "serve_first_page_s": round(wall, 2), "serve_first_page_cpu_s": cpu}
    mix = serving.page_mix(picks["specialties"], picks["initiatives"], picks["people"])
    for workers in sorted({1, cpus}):
        memory: dict = {}
        with serving.served(db, instance, workers, memory) as (base, _took):
            figures[f"load_{workers}_workers"] = serving.load_test(base, mix, clients=4, seconds=seconds)
        # The largest process of the server (master or a worker) and the whole server's share of memory.
        figures[f"load_{workers}_workers"]["peak_mb"] = memory["peak_mb"]
        figures[f"load_{workers}_workers"]["pss_mb"] = memory["pss_mb"]
    figures["serve_peak_mb"] = max(figures[f"load_{w}_workers"]["peak_mb"] for w in sorted({1, cpus}))
    data = dict(picks["rewritten"])
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
    phases: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = generated_portfolio(nodes, folder, figures)
        store = SQLiteStore(folder / "portfolio.db")

        t0 = time.perf_counter()
        changes = read_portfolio(path)
        applied = store.apply(changes, "benchmark")
        figures["import_s"] = round(time.perf_counter() - t0, 2)
        figures["records"] = len(applied.created)
        phases["import"] = own_peak_mb()
        # No real process keeps the parsed file and the change set once it is written.
        del changes, applied

        builds = []
        pg = None
        for _ in range(3):
            pg = None  # a process holds one graph: the previous one goes before the next is built
            t0 = time.perf_counter()
            pg = PortfolioGraph.from_store(store)
            builds.append(time.perf_counter() - t0)
        phases["build_x3"] = own_peak_mb()
        # As a server or a command starts: a fresh process that only loads the store and builds.
        fresh = [build_in_fresh_process(folder / "portfolio.db") for _ in range(3)]
        figures["build_graph_s"] = round(statistics.median(fresh), 2)
        # In this process (the import's change set already dropped).
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
        phases["queries"] = own_peak_mb()
        figures.update(cold_figures(folder / "portfolio.db", initiatives[0], runs))
        figures.update(process_peaks(path, folder / "portfolio.db", initiatives[0]))
        figures.update(write_figures(store, pg, initiatives[1], history=200))
        phases["writes"] = own_peak_mb()
        if web:
            picks = serve_picks(pg)
            pg = None
            settle()
            # The web front end loads its own graph, as a server does, in a fresh process: here it would
            # sit on top of what the import and the builds left of this process's heap.
            figures.update(in_fresh_process(web_figures, store.url, folder, initiatives[:50], max(runs * 4, 20)))
            figures.update(serve_figures(folder / "portfolio.db", folder, picks, runs, load_seconds))
            phases["serve"] = own_peak_mb()
            # Similar work after a write and in a fresh process (benchmarks/similar.py tells what each is).
            import similar as similar_bench

            figures.update(in_fresh_process(similar_after_write, folder / "portfolio.db", max(runs, 5)))
            figures.update(similar_bench.cold_similar(folder / "portfolio.db", initiatives[0], min(runs, 3)))
        store.close()
    figures["peak_memory_mb"] = own_peak_mb()
    # This process's peak so far after each phase: where peak_memory_mb was reached.
    figures["peak_memory_by_phase_mb"] = phases
    if formats:
        import formats as format_bench

        figures["formats"] = format_bench.run(nodes)
    figures["targets"] = {k: (f"< {v / 1000:g} s" if k.endswith("_s") else f"< {v} ms") for k, v in TARGETS_MS.items()}
    for peak in ("peak_memory_mb", "import_peak_mb", "cold_first_open_peak_mb", "cold_read_peak_mb", "export_peak_mb",
                 "serve_peak_mb", "web_peak_mb"):
        figures["targets"][peak] = "< 1024 MB"
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


READMODEL_TIMES = """
import sys, time
from graph import readmodel
from graph.store.sqlite import SQLiteStore
store = SQLiteStore(sys.argv[1])
t0 = time.perf_counter()
pg = readmodel.open_graph(store, lazy=True)
t1 = time.perf_counter()
pg.ids("initiative")  # a question about the whole graph: loads it whole
print(t1 - t0, time.perf_counter() - t1)
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


def tracker_command() -> list[str]:
    """How a user starts the command line: the ``tracker`` script beside this Python, else ``-m``."""
    script = Path(sys.executable).with_name("tracker")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tracker.cli"]


def cold_figures(db: Path, initiative: str, runs: int) -> dict[str, float]:
    """Commands answered by new processes through the prepared read model (see the module docstring)."""
    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    store = ["--store", f"sqlite:///{db}"]

    def timed(cmd: list[str]) -> tuple[float, float, str]:
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        out = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime), out.stdout

    db.with_name(db.name + ".readmodel").unlink(missing_ok=True)
    t0 = time.perf_counter()
    timed([*tracker_command(), *store, "trace", initiative])  # builds and saves the read model, writes bytecode
    first = time.perf_counter() - t0
    traces, anchors, coverages, opens = [], [], [], []
    for _ in range(max(runs, 5)):  # paired: each cold trace beside an anchor run
        traces.append(timed([*tracker_command(), *store, "trace", initiative]))
        anchors.append(timed([sys.executable, "-c", ANCHOR, str(db), initiative])[0])
    for _ in range(max(runs // 2, 3)):
        coverages.append(timed([*tracker_command(), *store, "coverage", "--format", "json"])[0])
        opens.append([float(x) for x in timed([sys.executable, "-c", READMODEL_TIMES, str(db)])[2].split()])
    cold, plain = statistics.median(t[0] for t in traces), statistics.median(anchors)
    return {
        "anchor_sqlite_script_s": round(plain, 3),
        "cold_trace_vs_anchor": round(cold / plain, 2),
        "readmodel_first_open_s": round(first, 2),
        "cold_trace_s": round(cold, 3),
        "cold_trace_cpu_s": round(statistics.median(t[1] for t in traces), 3),
        "cold_coverage_s": round(statistics.median(coverages), 3),
        "readmodel_open_s": round(statistics.median(o[0] for o in opens), 4),
        "readmodel_load_s": round(statistics.median(o[1] for o in opens), 3),
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


#: One ``tracker`` command in a fresh process that reports its own peak resident set when it ends.
TRACKER_PEAK = """
import sys
from tracker.cli import main
code = main(sys.argv[1:])
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(f"PEAK_KB {peak}", file=sys.stderr)
sys.exit(code)
"""


def tracker_peak_mb(args: list[str], store: Path) -> float:
    """Peak resident set (MB) of one fresh ``tracker --store <store> ARGS...`` process, which must succeed.

    Its own VmHWM (Linux /proc), not ``ru_maxrss``: that of a child counts the resident set of the
    process that forked it, here the benchmark's own.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    run = subprocess.run(
        [sys.executable, "-c", TRACKER_PEAK, "--store", f"sqlite:///{store}", *args],
        cwd=Path(__file__).resolve().parent.parent, env=env, capture_output=True, text=True,
    )
    if run.returncode != 0:
        raise SystemExit(f"tracker {' '.join(args)} failed: {run.stderr[-2000:]}")
    return round(int(run.stderr.rsplit("PEAK_KB ", 1)[1]) / 1024, 1)


def process_peaks(portfolio_file: Path, db: Path, initiative: str) -> dict[str, float]:
    """Peak memory of each real process (issue 13: under 1 GB at 200k), each a fresh ``tracker`` command.

    ``import_peak_mb``: ``tracker import`` of the generated file into a new store;
    ``cold_read_peak_mb``: ``tracker trace`` with the read model in place;
    ``cold_first_open_peak_mb``: the same with no read model (it builds the graph and saves it);
    ``export_peak_mb``: ``tracker export`` of the whole portfolio as JSON. ``serve_peak_mb`` is in
    serve_figures.
    """
    fresh = db.with_name("import-peak.db")
    figures = {"import_peak_mb": tracker_peak_mb(["import", str(portfolio_file)], fresh)}
    for leftover in fresh.parent.glob(fresh.name + "*"):
        leftover.unlink()
    readmodel = db.with_name(db.name + ".readmodel")
    readmodel.unlink(missing_ok=True)
    figures["cold_first_open_peak_mb"] = tracker_peak_mb(["trace", initiative], db)
    figures["cold_read_peak_mb"] = tracker_peak_mb(["trace", initiative], db)
    exported = db.with_name("export-peak.json")
    figures["export_peak_mb"] = tracker_peak_mb(["export", "-o", str(exported)], db)
    exported.unlink()
    return figures


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
