"""Several server processes on one listening socket: the web front end on every core.

waitress serves with threads, and Python runs one thread at a time, so one process uses one core.
``run_workers`` forks ``count`` copies of a process that has already bound the socket and loaded
the portfolio graph: each copy accepts connections from the same socket and answers them, and the
graph (loaded once, frozen out of the garbage collector's sight) is shared between them page by
page until one of them changes it. A worker that dies is started again; Ctrl+C or SIGTERM stops
them all. Where ``os.fork`` is missing (Windows) the caller serves in its own process instead.
"""
from __future__ import annotations

import gc
import os
import signal
import sys
import time
from collections.abc import Callable, Mapping
from types import FrameType

#: A worker that dies sooner than this after its start is not started again (it would only die again).
QUICK_DEATH_S = 1.0


def can_fork() -> bool:
    """True where worker processes can be forked (POSIX)."""
    return hasattr(os, "fork")


def default_workers() -> int:
    """One worker per CPU this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on every platform
        return max(os.cpu_count() or 1, 1)


def run_workers(count: int, serve_forever: Callable[[], None]) -> None:
    """Fork ``count`` workers that each call ``serve_forever``; wait for them, start again those that die.

    Returns when it is stopped (SIGINT, SIGTERM) after the workers have ended.
    """
    gc.collect()
    gc.freeze()  # what was loaded so far stays in pages the workers share: no collector writes to it
    children: dict[int, float] = {}
    stopping = False

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            _signal(pid, signal.SIGTERM)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        for _ in range(count):
            children[_fork(serve_forever, previous)] = time.monotonic()
        while children:
            try:
                pid, _status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            started = children.pop(pid, None)
            if started is None or stopping:
                continue
            if time.monotonic() - started < QUICK_DEATH_S:
                print(f"tracker serve: worker {pid} stoppede straks / worker {pid} stopped at once", file=sys.stderr)
                continue
            children[_fork(serve_forever, previous)] = time.monotonic()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        for pid in list(children):
            _signal(pid, signal.SIGTERM)
        gc.unfreeze()


def _fork(serve_forever: Callable[[], None], handlers: Mapping[signal.Signals, object]) -> int:
    pid = os.fork()
    if pid:
        return pid
    # The worker: the master's signal handlers are not its own; it ends when it is told to.
    code = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        serve_forever()
    except KeyboardInterrupt:
        pass
    except BaseException:  # noqa: BLE001 - a worker must never return into the master's code
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return 0  # not reached


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass
