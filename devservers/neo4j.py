"""A real Neo4j 5.26 Community server for tests and benchmarks, through the launcher in neo4j-launcher/.

The launcher (one Java class, built by ``make neo4j-launcher``; Maven fetches Neo4j once into
~/.m2) runs an embedded database with its Bolt connector on 127.0.0.1 and prints the Bolt URL once
it answers. Community Edition holds one user database, ``neo4j``: every URL names it.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from devservers.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER = ROOT / "neo4j-launcher"
CLASSPATH_FILE = LAUNCHER / "target" / "classpath.txt"
STAMP = LAUNCHER / "target" / "built.stamp"
#: Community Edition's only user database.
DATABASE = "neo4j"
USER = "neo4j"
#: The JVM stays small: the suite shares two cores and a few GB with Chromium and the other tests.
HEAP = "512m"


def launcher_classpath() -> str:
    """The launcher's class path, building it first (``make neo4j-launcher``) when it is missing."""
    if not STAMP.exists():
        subprocess.run(["make", "-s", "neo4j-launcher"], cwd=ROOT, check=True)
    return f"{LAUNCHER / 'target' / 'classes'}:{CLASSPATH_FILE.read_text().strip()}"


class Neo4jServer:
    """One Neo4j on a free port, its files in ``folder``; with ``password`` authentication is on.

    >>> server = Neo4jServer(Path("/tmp/neo4j-doc")).start()   # doctest: +SKIP
    >>> server.url("bass")                                      # doctest: +SKIP
    'bolt://127.0.0.1:24123/neo4j'
    """

    kind = "neo4j"

    def __init__(self, folder: Path, password: str | None = None, heap: str = HEAP, quick_start: bool = True, pagecache_mb: int = 64):
        self.folder = Path(folder)
        self.pagecache_mb = pagecache_mb
        #: The JVM's client compiler only: starts in half the time; the benchmark wants the full one.
        self.quick_start = quick_start
        self.folder.mkdir(parents=True, exist_ok=True)
        self.password = password
        self.heap = heap
        self.port = free_port()
        self.bolt_port = self.port
        self.process: subprocess.Popen | None = None

    def url(self, graph: str = DATABASE) -> str:
        """The Bolt URL of the one database (``graph`` is ignored: Community serves only ``neo4j``)."""
        return f"bolt://127.0.0.1:{self.port}/{DATABASE}"

    @property
    def auth(self) -> tuple[str, str] | None:
        return (USER, self.password) if self.password else None

    def start(self, timeout: float = 180.0) -> Neo4jServer:
        """Start (or restart, on the same port and files) the server; returns once Bolt answers."""
        args = ["java", f"-Xmx{self.heap}", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"]
        args += ["-XX:TieredStopAtLevel=1"] if self.quick_start else []
        args += ["-cp", launcher_classpath()]
        args += ["tracker.neo4j.Launcher", "--port", str(self.port), "--data", str(self.folder / "data")]
        args += ["--pagecache-mb", str(self.pagecache_mb)]
        if self.password:
            args += ["--auth", f"{USER}:{self.password}"]
        log_path = self.folder / "server.log"
        offset = log_path.stat().st_size if log_path.exists() else 0
        log = open(log_path, "ab")  # noqa: SIM115 - kept open for the process's life
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, cwd=self.folder, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        ready = f"bolt://127.0.0.1:{self.port}".encode()
        while True:
            with open(log_path, "rb") as f:
                f.seek(offset)
                if ready in f.read():
                    return self
            if self.process.poll() is not None:
                raise RuntimeError(f"the Neo4j launcher exited: {log_path.read_text(errors='replace')[-3000:]}")
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"Neo4j's Bolt port {self.port} did not open within {timeout} s")
            time.sleep(0.1)

    def wipe(self) -> None:
        """Delete every node and relationship (schema stays), so tests can share one server."""
        import neo4j

        with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{self.port}", auth=self.auth) as driver, driver.session(database=DATABASE) as session:
            # An auto-commit statement: CALL ... IN TRANSACTIONS keeps big graphs out of one transaction.
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()

    def kill(self) -> None:
        """Stop the JVM the hard way (SIGKILL), as a crash would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(30)

    def stop(self) -> None:
        """Shut down cleanly (SIGTERM runs the launcher's shutdown hook); kill after 60 s."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.kill()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None
