"""Benchmark of the Bolt store against the SQLite store on a generated portfolio (not a test: it prints figures).

    python benchmarks/bolt.py --nodes 100000 --json

Generates a portfolio, reads it once into a change set, then for a fresh SQLite file and for a
fresh Neo4j 5.26 Community started here (through neo4j-launcher/; see devservers/) measures: the
import (``store.apply`` of the change set), building the in-memory graph from the
store (``PortfolioGraph.from_store``, median of ``--repeat``) and whether both stores count the
same elements per kind. Then, for about 50 initiatives picked with a fixed seed, it times the
trace answered by Cypher on the server (``BoltStore.trace_ids``) against ``graph.queries.trace``
on the in-memory graph, and checks that both name the same ids. Peak memory of this process and
of the server closes the figures. ``--bolt-url`` points it at an empty database on a running
server instead of starting one.

Where the Bolt import's time goes is reported per phase (``bolt_import_phases``: reading and
validating, building the rows, writing the nodes, the relationships and parts, the audit, the
commit). A Neo4j started here first takes a small import (then emptied), as a server that has run
for a while has its code compiled; ``--cold`` measures the first import of a fresh JVM instead.
``tracker serve`` from start to its first page is timed on both stores with the read model in
place (the median of ``--repeat`` starts after one that builds it).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import generated_portfolio  # noqa: E402
from devservers import Neo4jServer  # noqa: E402
from devservers.ports import free_port  # noqa: E402
from graph.portfolio import PortfolioGraph  # noqa: E402
from graph.queries import trace  # noqa: E402
from graph.store.bolt import BoltStore  # noqa: E402
from graph.store.sqlite import SQLiteStore  # noqa: E402
from importers.portfolio_file import read_portfolio  # noqa: E402

#: The chain keys both traces answer.
KEYS = ("focus_areas", "ambitions", "specialties", "prerequisites", "challenges", "indicators")
TRACE_SAMPLE = 50
#: The Neo4j page cache for the benchmark, in MB.
PAGECACHE_MB = 512
#: Nodes of the portfolio imported (and removed again) to warm a freshly started Neo4j.
WARM_NODES = 5_000
ROOT = Path(__file__).resolve().parent.parent


def first_page_s(url: str, instance: Path) -> float:
    """Seconds from starting ``tracker serve`` on the store at ``url`` to its sign-in page answered."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update(TRACKER_INSTANCE=str(instance), TRACKER_STORE=url)
    instance.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "tracker", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=10) as resp:
                    resp.read()
                return time.perf_counter() - t0
            except OSError:
                if proc.poll() is not None or time.perf_counter() - t0 > 600:
                    raise SystemExit(f"tracker serve on {url} did not start") from None
                time.sleep(0.01)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _serve_figures(url: str, instance: Path, repeat: int, figures: dict, prefix: str) -> None:
    """The first start (builds the read model) and the median of ``repeat`` starts from it."""
    figures[f"{prefix}_serve_first_start_s"] = round(first_page_s(url, instance), 2)
    figures[f"{prefix}_serve_first_page_s"] = round(statistics.median(first_page_s(url, instance) for _ in range(max(repeat, 1))), 2)


def _median_s(fn, repeat: int) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls in seconds, and the last call's result."""
    times = []
    result = None
    for _ in range(max(repeat, 1)):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def _counting_writes(store: BoltStore) -> list[int]:
    """Count the write statements the store sends (managed writes and the statements of each write transaction), without changing the store."""
    counter = [0]
    write, checked = store._write, store._run_checked

    def counted(work):
        counter[0] += 1
        return write(work)

    def counted_checked(tx, statement, params, expected):
        counter[0] += 1
        return checked(tx, statement, params, expected)

    # instance attributes: only this benchmark's store is wrapped
    store._write = counted
    store._run_checked = counted_checked
    return counter


def _server_peak_mb(server: Neo4jServer) -> float | None:
    """The server's peak resident memory (VmHWM), while it still runs."""
    try:
        for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except (OSError, AttributeError, ValueError):
        pass
    return None


def _store_figures(store, changes, repeat: int, figures: dict, prefix: str) -> PortfolioGraph:
    t0 = time.perf_counter()
    applied = store.apply(changes, "benchmark")
    took = time.perf_counter() - t0
    figures[f"{prefix}_import_s"] = round(took, 2)
    phases = getattr(store, "last_write", None)
    if phases:
        figures[f"{prefix}_import_phases"] = {"read_and_validate_s": round(took - sum(phases.values()), 2)} | {
            k: round(v, 2) for k, v in phases.items()}
    figures[f"{prefix}_records"] = len(applied.created)
    build, pg = _median_s(lambda: PortfolioGraph.from_store(store), repeat)
    figures[f"{prefix}_build_graph_s"] = round(build, 2)
    figures[f"{prefix}_graph_nodes"] = pg.g.number_of_nodes()
    figures[f"{prefix}_graph_edges"] = pg.g.number_of_edges()
    return pg


def _compare_traces(store: BoltStore, pg: PortfolioGraph, initiatives: list[str], figures: dict) -> None:
    """Time the Cypher trace and the in-memory trace on the same initiatives; count disagreements."""
    cypher_ms, memory_ms, json_ms = [], [], []
    mismatches: list[dict] = []
    per_key = dict.fromkeys(KEYS, 0)
    # One call each beforehand, so neither side pays a first-use cost inside the figures.
    store.trace_ids(initiatives[0])
    trace(pg, initiatives[0]).to_json()
    for iid in initiatives:
        t0 = time.perf_counter()
        server = store.trace_ids(iid)
        cypher_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        t = trace(pg, iid)
        memory_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        local = t.to_json()
        json_ms.append((time.perf_counter() - t0) * 1000)
        differ = {}
        for key in KEYS:
            mine = {item["id"] for item in local[key]}
            theirs = set(server.get(key, []))
            if mine != theirs:
                per_key[key] += 1
                differ[key] = {"only_in_memory": sorted(mine - theirs)[:5], "only_cypher": sorted(theirs - mine)[:5]}
        if differ:
            mismatches.append({"initiative": iid, **differ})
    figures["trace_sample"] = len(initiatives)
    figures["trace_cypher_ms"] = round(statistics.median(cypher_ms), 3)
    figures["trace_memory_ms"] = round(statistics.median(memory_ms), 4)
    figures["trace_memory_to_json_ms"] = round(statistics.median(json_ms), 4)
    figures["trace_cypher_max_ms"] = round(max(cypher_ms), 3)
    figures["trace_mismatches"] = len(mismatches)
    figures["trace_mismatches_per_key"] = per_key
    figures["trace_chain_ids_median"] = statistics.median(sum(len(trace(pg, i).__dict__[k]) for k in KEYS) for i in initiatives)
    if mismatches:
        figures["trace_mismatch_examples"] = mismatches[:3]


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 1) if a is not None and b else None


def _start_server(folder: Path, heap: str) -> Neo4jServer:
    # the JVM's full compiler (not the tests' quick start): the figures are about speed
    # and a page cache that holds the whole store (the tests' 64 MB does not at 100k elements)
    return Neo4jServer(folder / "neo4j", heap=heap, quick_start=False, pagecache_mb=PAGECACHE_MB).start()


def _warm(server: Neo4jServer, folder: Path) -> None:
    """A small import into the fresh server, then removed: its code is compiled before the figures."""
    changes = read_portfolio(generated_portfolio(WARM_NODES, folder, {}))
    with BoltStore(server.url()) as store:
        store.apply(changes, "warm-up")
    server.wipe()


def run(nodes: int, repeat: int, bolt_url: str | None = None, heap: str = "3g", cold: bool = False) -> dict:
    started = f"Neo4j 5.26 Community, heap {heap}, page cache {PAGECACHE_MB} MB (started here{', cold' if cold else ', warmed'})"
    figures: dict = {"nodes_requested": nodes, "repeat": repeat, "bolt_server": bolt_url or started}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = generated_portfolio(nodes, folder, figures)
        t0 = time.perf_counter()
        changes = read_portfolio(path)
        figures["read_file_s"] = round(time.perf_counter() - t0, 2)
        figures["upserts"] = len(changes.upserts)

        sqlite = SQLiteStore(folder / "portfolio.db")
        try:
            pg = _store_figures(sqlite, changes, repeat, figures, "sqlite")
            sqlite_counts = sqlite.counts()
        finally:
            sqlite.close()
        del pg
        _serve_figures(f"sqlite:///{folder / 'portfolio.db'}", folder / "instance-sqlite", repeat, figures, "sqlite")

        server = None
        bolt = None
        try:
            t0 = time.perf_counter()
            if not bolt_url:
                server = _start_server(folder, heap)
                if not cold:
                    warm = folder / "warm"
                    warm.mkdir()
                    _warm(server, warm)
            bolt = BoltStore(bolt_url or server.url("bass"))
            if bolt.revision() != 0:
                raise SystemExit(f"{bolt.url} already holds a portfolio; the benchmark needs an empty database")
            figures["bolt_connect_s"] = round(time.perf_counter() - t0, 2)
            figures["bolt_param_budget_bytes"] = bolt.budget
            writes = _counting_writes(bolt)
            pg = _store_figures(bolt, changes, repeat, figures, "bolt")
            figures["bolt_import_statements"] = writes[0]
            bolt_counts = bolt.counts()
            figures["counts_equal"] = bolt_counts == sqlite_counts
            if bolt_counts != sqlite_counts:
                figures["counts_differ"] = {
                    k: {"sqlite": sqlite_counts.get(k), "bolt": bolt_counts.get(k)}
                    for k in sorted(set(sqlite_counts) | set(bolt_counts))
                    if sqlite_counts.get(k) != bolt_counts.get(k)
                }
            figures["elements"] = sum(sqlite_counts.values())
            _serve_figures(bolt_url or server.url(), folder / "instance-bolt", repeat, figures, "bolt")

            rng = random.Random(7)
            ids = pg.ids("initiative")
            initiatives = rng.sample(ids, min(TRACE_SAMPLE, len(ids)))
            if initiatives:
                _compare_traces(bolt, pg, initiatives, figures)
            figures["server_peak_memory_mb"] = _server_peak_mb(server) if server is not None else None
        finally:
            if bolt is not None:
                bolt.close()
            if server is not None:
                server.stop()

    figures["import_ratio_bolt_sqlite"] = _ratio(figures.get("bolt_import_s"), figures.get("sqlite_import_s"))
    figures["build_ratio_bolt_sqlite"] = _ratio(figures.get("bolt_build_graph_s"), figures.get("sqlite_build_graph_s"))
    figures["serve_ratio_bolt_sqlite"] = _ratio(figures.get("bolt_serve_first_page_s"), figures.get("sqlite_serve_first_page_s"))
    figures["trace_ratio_cypher_memory"] = _ratio(figures.get("trace_cypher_ms"), figures.get("trace_memory_ms"))
    figures["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return figures


def table(f: dict) -> str:
    def cell(key: str) -> str:
        value = f.get(key)
        return "-" if value is None else str(value)

    lines = [
        f"portfolio: {cell('nodes_requested')} nodes requested, {cell('upserts')} upserts, "
        f"generated in {cell('generate_s')} s, file read in {cell('read_file_s')} s",
        "",
        f"{'':24}{'SQLite':>12}{'Bolt':>12}{'Bolt/SQLite':>14}",
        f"{'import (s)':24}{cell('sqlite_import_s'):>12}{cell('bolt_import_s'):>12}{cell('import_ratio_bolt_sqlite'):>14}",
        f"{'build graph (s, median)':24}{cell('sqlite_build_graph_s'):>12}{cell('bolt_build_graph_s'):>12}{cell('build_ratio_bolt_sqlite'):>14}",
        f"{'serve to first page (s)':24}{cell('sqlite_serve_first_page_s'):>12}{cell('bolt_serve_first_page_s'):>12}{cell('serve_ratio_bolt_sqlite'):>14}",
        f"{'  its first start (s)':24}{cell('sqlite_serve_first_start_s'):>12}{cell('bolt_serve_first_start_s'):>12}",
        f"{'graph nodes':24}{cell('sqlite_graph_nodes'):>12}{cell('bolt_graph_nodes'):>12}",
        f"{'graph edges':24}{cell('sqlite_graph_edges'):>12}{cell('bolt_graph_edges'):>12}",
        f"counts equal: {cell('counts_equal')}   elements: {cell('elements')}",
        f"Bolt: connect {cell('bolt_connect_s')} s, parameter budget {cell('bolt_param_budget_bytes')} bytes, "
        f"{cell('bolt_import_statements')} write statements for the import",
        f"Bolt import phases (s): {cell('bolt_import_phases')}",
        "",
        f"{'trace (ms, median)':24}{'Cypher':>12}{'in-memory':>12}{'Cypher/mem':>14}",
        f"{'':24}{cell('trace_cypher_ms'):>12}{cell('trace_memory_ms'):>12}{cell('trace_ratio_cypher_memory'):>14}",
        f"over {cell('trace_sample')} initiatives; Cypher max {cell('trace_cypher_max_ms')} ms; "
        f"in-memory to_json {cell('trace_memory_to_json_ms')} ms; median chain {cell('trace_chain_ids_median')} ids",
        f"mismatches: {cell('trace_mismatches')}   per key: {cell('trace_mismatches_per_key')}",
        "",
        f"peak memory: this process {cell('peak_memory_mb')} MB, server {cell('server_peak_memory_mb')} MB",
    ]
    if "counts_differ" in f:
        lines.append(f"counts differ: {f['counts_differ']}")
    if "trace_mismatch_examples" in f:
        lines.append(f"mismatch examples: {json.dumps(f['trace_mismatch_examples'])}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="builds of the in-memory graph per median")
    parser.add_argument("--json", action="store_true", help="print JSON (default: a table)")
    parser.add_argument(
        "--bolt-url",
        help="an empty database on a running Bolt server, e.g. neo4j://host:7687/bench (credentials as for "
        "the tracker: TRACKER_BOLT_USER, TRACKER_BOLT_PASSWORD); default: start a Neo4j here",
    )
    parser.add_argument("--neo4j-heap", default="3g", help="the Neo4j JVM's heap (default: 3g, as make neo4j: a 100,000-element import is one transaction)")
    parser.add_argument("--cold", action="store_true", help="time the first import of a freshly started Neo4j (no warm-up)")
    args = parser.parse_args()
    figures = run(args.nodes, args.repeat, args.bolt_url, args.neo4j_heap, args.cold)
    print(json.dumps(figures, indent=2) if args.json else table(figures))


if __name__ == "__main__":
    main()
