"""``tracker serve --workers N``: N forked server processes on one socket, restarted when they die."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tracker.prefork import run_workers
from tracker.serve import worker_count

TRACKER = Path(sys.executable).with_name("tracker")
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked processes")  # POSIX only


def test_run_workers_forks_that_many_processes_and_returns_when_they_have_ended(tmp_path):
    seen = tmp_path / "pids"

    def serve_forever() -> None:
        with seen.open("a") as out:
            out.write(f"{os.getpid()}\n")

    run_workers(3, serve_forever)  # each ends at once: not started again, so run_workers returns
    pids = seen.read_text().split()
    assert len(pids) == 3 and len(set(pids)) == 3 and str(os.getpid()) not in pids


def test_worker_count_defaults_to_the_cpus_and_is_one_for_a_store_that_cannot_be_shared(tmp_path):
    from graph.store.sqlite import SQLiteStore

    with SQLiteStore(tmp_path / "p.db") as store:
        assert worker_count(3, store) == 3
        assert worker_count(None, store) == len(os.sched_getaffinity(0))
    assert worker_count(4, object()) == 1


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return sorted(found)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, deadline: float) -> int:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                return int(resp.status)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the worker ids from /proc")
def test_serve_with_two_workers_answers_restarts_a_killed_worker_and_stops_on_sigterm(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env["TRACKER_INSTANCE"] = str(tmp_path / "inst")
    master = subprocess.Popen(
        [str(TRACKER), "serve", "--port", str(port), "--workers", "2", "--demo"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path,
    )
    try:
        url = f"http://127.0.0.1:{port}/login"
        assert _wait_for(url, time.monotonic() + 120) == 200
        workers = _children(master.pid)
        assert len(workers) == 2
        for _ in range(10):
            assert _wait_for(url, time.monotonic() + 30) == 200
        time.sleep(1.2)  # older than QUICK_DEATH_S, so the master starts it again
        os.kill(workers[0], signal.SIGKILL)
        deadline = time.monotonic() + 30
        while (now := _children(master.pid)) == workers or len(now) != 2:
            assert time.monotonic() < deadline, now
            time.sleep(0.1)
        assert workers[1] in now and workers[0] not in now
        assert _wait_for(url, time.monotonic() + 30) == 200
        master.send_signal(signal.SIGTERM)
        out, err = master.communicate(timeout=30)
    finally:
        if master.poll() is None:
            master.kill()
            master.communicate()
    assert master.returncode == 0, err
    assert "Ambition tracker: http://localhost:" in out
    assert all(not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2] for pid in now)
