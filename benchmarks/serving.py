"""The web front end as people meet it: ``tracker serve`` in its own process on 127.0.0.1.

Used by benchmarks/run.py (issue 13): the time from starting the server to its first page, a
load test of 4 clients signed in and cycling through a mix of pages (p50/p95 per page kind and
requests per second), and the first overview after a write. Only the standard library is used on
the client side, so the figures are of the server, not of a client library.
"""
from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USER, PASSWORD = "bench", "bench-password"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _family(pid: int) -> list[int]:
    """A process and its children (Linux /proc)."""
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        pids += [int(c) for c in (task / "children").read_text().split()]
    return pids


def cpu_s(pid: int) -> float | None:
    """CPU seconds (user + system) a process and its living children have used so far; None without /proc."""
    try:
        ticks = 0
        for one in _family(pid):
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, ValueError, IndexError):
        return None
    return round(ticks / os.sysconf("SC_CLK_TCK"), 3)


def pss_mb(pid: int) -> float | None:
    """Proportional set size of a process and its children, in MB (pages shared by k processes count 1/k each).

    What a forked server really takes: the sum of each process's resident set counts the graph the
    workers share once per worker. None where /proc has no smaps_rollup (not Linux).
    """
    total = 0
    try:
        for one in _family(pid):
            for line in Path(f"/proc/{one}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
    except (OSError, ValueError):
        return None
    return round(total / 1024, 1)


def peak_mb(pid: int) -> float | None:
    """The largest peak resident set (VmHWM, MB) of a process and its children; None without /proc.

    Read from /proc, not from ``wait4``: Linux counts into a child's ``ru_maxrss`` the resident set
    of the process that forked it (a fork copies it; an exec keeps the old figure), so a command
    started by this benchmark would report this benchmark's own peak.
    """
    try:
        peaks = [
            int(line.split()[1])
            for one in _family(pid)
            for line in Path(f"/proc/{one}/status").read_text().splitlines()
            if line.startswith("VmHWM:")
        ]
    except (OSError, ValueError):
        return None
    return round(max(peaks) / 1024, 1) if peaks else None


@contextmanager
def served(db: Path, instance: Path, workers: int, stats: dict | None = None,
           command: Callable[[int], list[str]] | None = None) -> Iterator[tuple[str, float]]:
    """``tracker serve`` on ``db``; yields its base URL and the seconds from start to its first page.

    ``command(port)``, when given, is the server's command line instead (benchmarks/gunicorn_serving.py).

    With ``stats``, fills in ``stats["first_page_cpu_s"]`` (CPU seconds the server's processes had
    used when the first page came back: steadier than wall time on a busy machine), and when the
    block ends ``stats["pss_mb"]`` (the whole server just before it is stopped) and
    ``stats["peak_mb"]`` (the peak of its largest process).
    """
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update(TRACKER_INSTANCE=str(instance), TRACKER_STORE=f"sqlite:///{db}")
    t0 = time.perf_counter()
    argv = command(port) if command else [sys.executable, "-m", "tracker", "serve", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(
        argv,
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                with urllib.request.urlopen(base + "/login", timeout=10) as resp:
                    resp.read()
                break
            except OSError:
                if proc.poll() is not None or time.perf_counter() - t0 > 300:
                    raise SystemExit("tracker serve did not start") from None
                time.sleep(0.01)
        took = time.perf_counter() - t0
        if stats is not None:
            stats["first_page_cpu_s"] = cpu_s(proc.pid)
            stats["pid"] = proc.pid
        yield base, took
    finally:
        if stats is not None:
            stats["pss_mb"] = pss_mb(proc.pid)
            stats["peak_mb"] = peak_mb(proc.pid)
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def first_page_s(db: Path, instance: Path, workers: int, runs: int) -> float:
    """Median seconds from ``tracker serve`` starting to its sign-in page answered (read model in place)."""
    return first_page(db, instance, workers, runs)[0]


def first_page(db: Path, instance: Path, workers: int, runs: int) -> tuple[float, float | None]:
    """Medians of the seconds (wall) and CPU seconds (the server's) from ``tracker serve`` starting to its sign-in page."""
    times, cpus = [], []
    for _ in range(runs):
        stats: dict = {}
        with served(db, instance, workers, stats) as (_base, took):
            times.append(took)
        if stats["first_page_cpu_s"] is not None:
            cpus.append(stats["first_page_cpu_s"])
    return statistics.median(times), (statistics.median(cpus) if cpus else None)


class Client:
    """One signed-in browser: a cookie jar and a CSRF token."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.get("/login")
        token = _CSRF.search(page)
        form = {"username": USER, "password": PASSWORD, "csrf_token": token.group(1) if token else ""}
        with self.opener.open(base + "/login", data=urllib.parse.urlencode(form).encode(), timeout=60) as resp:
            resp.read()

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=120) as resp:
            if resp.status != 200:
                raise SystemExit(f"{path} answered {resp.status}")
            return str(resp.read().decode("utf-8"))


def page_mix(specialties: list[str], initiatives: list[str], people: list[str]) -> list[tuple[str, Callable[[int], str]]]:
    """The page kinds of the load test and the path of the n-th request of each."""
    return [
        ("overview", lambda n: "/"),
        ("initiative", lambda n: f"/initiative/{initiatives[n % len(initiatives)]}"),
        ("specialty", lambda n: f"/specialty/{specialties[n % len(specialties)]}"),
        ("person", lambda n: f"/person/{people[n % len(people)]}"),
        ("people", lambda n: "/people"),
        ("api_coverage", lambda n: "/api/v1/coverage"),
        ("api_checks", lambda n: f"/api/v1/checks?specialty={specialties[n % len(specialties)]}"),
        ("api_trace", lambda n: f"/api/v1/trace/{initiatives[n % len(initiatives)]}"),
    ]


def load_test(base: str, mix: list[tuple[str, Callable[[int], str]]], clients: int, seconds: float) -> dict:
    """``clients`` threads each requesting the mix in turn for ``seconds``: p50/p95 per kind, req/s."""
    sessions = [Client(base) for _ in range(clients)]
    for _name, path in mix:  # warm: the first answer of each kind is computed once per revision
        sessions[0].get(path(0))
    times: dict[str, list[float]] = {name: [] for name, _ in mix}
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(i: int, session: Client) -> None:
        n = i
        while time.perf_counter() < stop:
            name, path = mix[n % len(mix)]
            t0 = time.perf_counter()
            session.get(path(n))
            took = time.perf_counter() - t0
            with lock:
                times[name].append(took)
            n += 1

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i, s)) for i, s in enumerate(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    total = sum(len(v) for v in times.values())
    return {
        "requests_per_s": round(total / wall, 1),
        "pages": {
            name: {
                "n": len(v),
                "p50_ms": round(statistics.median(v) * 1000, 1),
                "p95_ms": round(statistics.quantiles(v, n=20)[18] * 1000, 1) if len(v) > 1 else None,
            }
            for name, v in times.items()
            if v
        },
    }


def after_write_ms(base: str, write: Callable[[int], None], path: str, runs: int) -> float:
    """Median milliseconds of the first ``path`` after each of ``runs`` writes (made by ``write(i)``)."""
    session = Client(base)
    session.get(path)
    times = []
    for i in range(runs):
        write(i)
        t0 = time.perf_counter()
        session.get(path)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000
