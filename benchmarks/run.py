"""Benchmark of the tracker on a generated portfolio (not a test: it prints figures).

    python benchmarks/run.py --nodes 100000 --json

Measures, on a fresh SQLite store in a temporary folder: import of the generated file, building
the in-memory graph, one trace, full coverage, checks of one specialty, the web front end's
initiative page and overview (server-side, Flask test client), and peak memory. Medians of
several runs; the targets of issue 2 and 3 are printed beside them.
"""
from __future__ import annotations

import argparse
import json
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


def run(nodes: int, runs: int, web: bool) -> dict:
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
        if web:
            figures.update(web_figures(store.url, folder, initiatives[:50], max(runs * 4, 20)))
        store.close()
    figures["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
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
    args = parser.parse_args()
    figures = run(args.nodes, args.runs, not args.no_web)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            if key != "targets":
                print(f"{key:22} {value}   {figures['targets'].get(key, '')}")


if __name__ == "__main__":
    main()
