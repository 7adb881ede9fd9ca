"""The morning of a steering-group meeting: a hundred people on the web front end at once.

    python benchmarks/crowd.py --nodes 20000 --users 100 --seconds 60 --json

A generated portfolio in a fresh SQLite store, ``tracker serve`` with one worker per CPU on
127.0.0.1, and ``--users`` signed-in people (threads with the standard library's HTTP client):

1. ``meeting_starts``: everyone opens the overview at the same moment (p50, p95, slowest, and
   the seconds until the last of them has it);
2. ``steady``: each person opens a page of the mix (benchmarks/serving.py), reads it for 2-8 s,
   and opens the next, for ``--seconds``, while the secretariat's edits land every 5 s (a write
   to a random initiative straight into the store, as another server process would): p50/p95 per
   page kind, requests per second, and how many answers were not 200.

Not a test: it prints figures. Run beside nothing else heavy; the clients share the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(1, str(Path(__file__).resolve().parent))

import serving  # noqa: E402

from graph.changeset import ChangeSet, parse_record  # noqa: E402
from graph.portfolio import PortfolioGraph  # noqa: E402
from graph.store.sqlite import SQLiteStore  # noqa: E402
from importers.document import changeset_from_document  # noqa: E402
from tracker.generate import generate_document  # noqa: E402
from web import accounts  # noqa: E402


def _percentiles(times: list[float]) -> dict[str, float | int | None]:
    return {
        "n": len(times),
        "p50_ms": round(statistics.median(times) * 1000, 1) if times else None,
        "p95_ms": round(statistics.quantiles(times, n=20, method="inclusive")[18] * 1000, 1) if len(times) > 1 else None,
        "max_ms": round(max(times) * 1000, 1) if times else None,
    }


def meeting_starts(sessions: list[serving.Client]) -> dict:
    """Everyone opens the overview at once; how long each waited, and until the last had it."""
    barrier = threading.Barrier(len(sessions) + 1)
    times: list[float] = []
    lock = threading.Lock()

    def person(session: serving.Client) -> None:
        barrier.wait()
        t0 = time.perf_counter()
        session.get("/")
        with lock:
            times.append(time.perf_counter() - t0)

    threads = [threading.Thread(target=person, args=(s,)) for s in sessions]
    for t in threads:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    return {**_percentiles(times), "all_served_s": round(time.perf_counter() - t0, 2)}


def steady(sessions: list[serving.Client], mix: list, seconds: float, write) -> dict:
    """People reading pages with 2-8 s between them while edits land every 5 s."""
    times: dict[str, list[float]] = {name: [] for name, _ in mix}
    failures: list[str] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def person(i: int, session: serving.Client) -> None:
        rng = random.Random(i)
        time.sleep(rng.uniform(0, 2))  # people do not click in step
        n = i
        while time.perf_counter() < stop:
            name, path = mix[n % len(mix)]
            t0 = time.perf_counter()
            try:
                session.get(path(n))
            except (OSError, SystemExit) as exc:
                with lock:
                    failures.append(f"{path(n)}: {exc}")
            else:
                with lock:
                    times[name].append(time.perf_counter() - t0)
            n += 1
            time.sleep(rng.uniform(2, 8))

    def writer() -> None:
        i = 0
        while time.perf_counter() < stop:
            time.sleep(5)
            write(i)
            i += 1

    t0 = time.perf_counter()
    threads = [threading.Thread(target=person, args=(i, s)) for i, s in enumerate(sessions)]
    threads.append(threading.Thread(target=writer))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {
        "requests_per_s": round(sum(len(v) for v in times.values()) / wall, 1),
        "not_answered": len(failures),
        "first_failures": failures[:3],
        "pages": {name: _percentiles(v) for name, v in times.items() if v},
    }


def run(nodes: int, users: int, seconds: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "portfolio.db"
        store = SQLiteStore(db)
        store.apply(changeset_from_document(generate_document(nodes, seed=1), "crowd"), "crowd")
        pg = PortfolioGraph.from_store(store)
        instance = folder / "instance"
        instance.mkdir()
        accounts.add_user(instance / "users.db", serving.USER, serving.PASSWORD, person=None, display_name="Benchmark")
        rng = random.Random(5)
        mix = serving.page_mix(
            rng.sample(pg.ids("specialty"), min(50, pg.count("specialty"))),
            rng.sample(pg.ids("initiative"), min(200, pg.count("initiative"))),
            rng.sample(pg.ids("person"), min(100, pg.count("person"))),
        )
        targets = rng.sample(pg.ids("initiative"), 50)

        def write(i: int) -> None:
            item = targets[i % len(targets)]
            data = dict(store.get([item])[item].data)
            data["title"] = f"Rettet før mødet {i}"
            store.apply(ChangeSet([parse_record("initiative", data, "crowd")]), "secretariat")

        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        figures: dict = {"nodes": nodes, "users": users, "workers": cpus, "seconds": seconds}
        with serving.served(db, instance, cpus) as (base, took):
            figures["serve_first_page_s"] = round(took, 2)
            t0 = time.perf_counter()
            sessions = [serving.Client(base) for _ in range(users)]
            figures["sign_in_all_s"] = round(time.perf_counter() - t0, 2)
            figures["meeting_starts"] = meeting_starts(sessions)
            figures["steady"] = steady(sessions, mix, seconds, write)
        store.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--json", action="store_true", help="print JSON (default: the same, indented)")
    args = parser.parse_args()
    print(json.dumps(run(args.nodes, args.users, args.seconds), indent=None if args.json else 2))


if __name__ == "__main__":
    main()
