"""``tracker serve`` (waitress in processes forked by tracker/prefork.py) against gunicorn ``--preload`` (issue 20, point 7).

    .venv/bin/pip install -e '.[bench]'    # gunicorn: not a dependency of the tracker, only of this comparison
    python benchmarks/gunicorn_serving.py --nodes 100000 --load-seconds 20

Both serve the same generated portfolio with one worker process per CPU and 8 threads each,
loading the graph once in the master before the fork: ``tracker serve --workers N`` and
``gunicorn --preload --worker-class gthread --threads 8 --workers N`` with the hooks below
(the master's SQLite connection closed before the fork, the loaded heap frozen out of the
collector's sight, as tracker/prefork.py does). For each: the seconds (wall and the server's CPU)
from start to its first page, medians of ``--runs`` starts, and the 4-client load test of
benchmarks/serving.py with the whole server's memory after it (PSS, shared pages counted once) and
its largest process's peak. Run as a script, this module is also gunicorn's config file
(``-c``) and its application (``gunicorn_serving:application()``).
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(1, str(HERE))

# -- gunicorn's side: the config file (module-level settings and hooks) and the application --------

preload_app = True
worker_class = "gthread"
threads = 8


def when_ready(server: Any) -> None:
    """After the preloaded app and the socket, before the first fork: what tracker/serve.py does before run_workers."""
    server.app.wsgi().extensions["portfolio"].store.close()  # each worker opens its own SQLite connection
    gc.collect()
    gc.freeze()


def application() -> Any:
    """The tracker's WSGI application for the environment's settings, as ``tracker serve`` makes it."""
    from tracker.serve import web_config
    from tracker.settings import Settings
    from web import create_app

    return create_app(web_config(Settings()))


# -- the comparison --------------------------------------------------------------------------------

def gunicorn_command(workers: int) -> Any:
    def command(port: int) -> list[str]:
        return [
            str(Path(sys.executable).parent / "gunicorn"), "-c", str(Path(__file__).resolve()),
            "--chdir", str(HERE), "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "gunicorn_serving:application()",
        ]

    return command


def compare(nodes: int, runs: int, load_seconds: float) -> dict:
    import run as bench
    import serving

    from graph.portfolio import PortfolioGraph
    from graph.store.sqlite import SQLiteStore
    from importers.portfolio_file import read_portfolio
    from web import accounts

    figures: dict = {"nodes_requested": nodes}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = bench.generated_portfolio(nodes, folder, figures)
        db = folder / "portfolio.db"
        store = SQLiteStore(db)
        store.apply(read_portfolio(path), "benchmark")
        picks = bench.serve_picks(PortfolioGraph.from_store(store))
        store.close()
        bench.settle()
        instance = folder / "instance"
        instance.mkdir()
        accounts.add_user(instance / "users.db", serving.USER, serving.PASSWORD, person=None, display_name="Benchmark")
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        figures["workers"] = cpus
        mix = serving.page_mix(picks["specialties"], picks["initiatives"], picks["people"])
        # The first start writes the read model and, in the background, the similarity index that
        # every later start of either server loads: wait for both, so no run builds them.
        with serving.served(db, instance, 1):
            deadline = time.monotonic() + 600
            while not (folder / "portfolio.db.similar").exists() and time.monotonic() < deadline:
                time.sleep(0.5)
        servers = {"prefork_waitress": None, "gunicorn_preload": gunicorn_command(cpus)}
        starts: dict[str, list[tuple[float, float]]] = {name: [] for name in servers}
        for _ in range(runs):  # the two in turn, so a busier moment of the machine falls on both
            for name, command in servers.items():
                stats: dict = {}
                with serving.served(db, instance, cpus, stats, command) as (_base, took):
                    starts[name].append((took, stats["first_page_cpu_s"]))
        for name, command in servers.items():
            memory: dict = {}
            with serving.served(db, instance, cpus, memory, command) as (base, _took):
                before = serving.pss_mb(int(memory.get("pid", 0))) if memory.get("pid") else None
                load = serving.load_test(base, mix, clients=4, seconds=load_seconds)
            figures[name] = {
                "first_page_s": round(statistics.median(t for t, _c in starts[name]), 2),
                "first_page_cpu_s": round(statistics.median(c for _t, c in starts[name]), 2),
                "pss_mb_at_first_page": before,
                "requests_per_s": load["requests_per_s"],
                "requests": sum(v["n"] for v in load["pages"].values()),
                "pss_mb": memory["pss_mb"],
                "peak_mb": memory["peak_mb"],
                "pages_p50_ms": {k: v["p50_ms"] for k, v in load["pages"].items()},
            }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="starts of each server (taken in turn)")
    parser.add_argument("--load-seconds", type=float, default=20.0, help="length of each 4-client load test")
    print(json.dumps(compare(**vars(parser.parse_args())), indent=2))


if __name__ == "__main__":
    main()
