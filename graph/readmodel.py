"""The prepared read model: the built portfolio graph kept in a file beside the store.

A fresh process (every CLI command, a server start) would otherwise read and decode every record
and build the graph: 1-3 s at 100,000 elements for an answer that takes a millisecond. Instead
``open_graph`` opens the read model a previous process saved, if it was saved from this very store
at the store's present revision; if the store moved on since, it applies only what changed
after the saved revision; otherwise, or if the file is missing, unreadable or from another
version of this program, it builds the graph from the store. Either way it saves the result for
the next process. Deleting the file loses nothing.

The file is a small SQLite database with three tables: ``header`` (what it was saved from),
``node`` (one row per element: its fields and every edge into and out of it, so that a command
asking about a few elements reads only their rows: graph/lazyportfolio.py) and ``snapshot`` (the
whole graph's tables, pickled, for what needs all of it: a server, coverage, checks). It is a local
cache written by this program, beside a store that whoever can write this file can write too. It
is written to a temporary file renamed over the old one, so a reader sees the old file or the new
one, never half of one; a reader that has it open keeps reading the file it opened.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.bulk import paused_gc
from graph.lazyportfolio import LazyPortfolioGraph, node_rows, relation_order
from graph.portfolio import PortfolioGraph
from graph.store.base import Store
from graph.store.sqlite import SQLiteStore

#: Bumped whenever the file or PortfolioGraph's tables change shape: an older file is then rebuilt, not misread.
FORMAT = "ambition-tracker/readmodel/2"
SUFFIX = ".readmodel"
_SCHEMA = """
CREATE TABLE header (format TEXT NOT NULL, store TEXT NOT NULL, revision INTEGER NOT NULL, stamp TEXT,
                     relations TEXT NOT NULL);
CREATE TABLE node (id TEXT PRIMARY KEY, kind TEXT NOT NULL, programme TEXT, version INTEGER NOT NULL,
                   data TEXT NOT NULL, links BLOB) WITHOUT ROWID;
CREATE TABLE snapshot (state BLOB NOT NULL);
"""



def _log(level: str, message: str, *args: object) -> None:
    # logging (and tempfile, below) are loaded only on the way that needs them: a cold command
    # that finds its read model current pays for neither.
    import logging

    getattr(logging.getLogger(__name__), level)(message, *args)


@dataclass(frozen=True)
class Header:
    """What the file was saved from: format, store (a hash of its identity), revision and its stamp,
    and the graph's relation order (outgoing, incoming)."""

    format: str
    store: str
    revision: int
    stamp: str | None
    relations: tuple[list[str], list[str]] = ([], [])


def default_path(store: Store, folder: Path | None = None) -> Path | None:
    """Where a store's read model lives: ``<file>.readmodel`` beside a SQLite file; for any other
    store ``<folder>/<hash of the store>.readmodel``, or None (no read model) without a folder.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "portfolio.db") as store:
    ...     default_path(store).name
    'portfolio.db.readmodel'
    """
    if isinstance(store, SQLiteStore) and folder is None:
        return store.path.with_name(store.path.name + SUFFIX)
    if folder is None:
        return None
    return folder / f"{_store_key(store.identity())[:16]}{SUFFIX}"


def open_graph(store: Store, path: Path | None = None, lazy: bool = False) -> PortfolioGraph:
    """Return the store's portfolio graph at (at least) its present revision, by way of the read model
    at ``path`` (default: ``default_path(store)``), and leave that read model up to date.

    With ``lazy`` and a read model at the store's revision, the graph reads each element from the
    file when first asked about it (graph/lazyportfolio.py): what a short command asking about a
    few elements wants. Without, the whole graph is loaded: what a server wants.
    With no path and no default (a Bolt store without a folder) the graph is built from the store.
    """
    path = path if path is not None else default_path(store)
    if path is None:
        return PortfolioGraph.from_store(store)
    store_key = _store_key(store.identity())
    revision = store.revision()
    opened = _open(path, store_key)
    if opened is not None:
        header, conn = opened
        if header.revision == revision and header.stamp == store.revision_stamp(revision):
            if lazy:
                return LazyPortfolioGraph(
                    conn, header.revision, header.relations, lambda: _whole_state(conn), lambda: _rebuilt(store, path)
                )
            whole = _whole_graph(conn, header)
            if whole is not None:
                return whole
        # The store moved on: apply what changed since, if the saved revision is one of its own past.
        stamp = store.revision_stamp(header.revision)
        if header.revision < revision and stamp is not None and stamp == header.stamp:
            pg = _whole_graph(conn, header)
            if pg is not None:
                pg.refresh(store)
                save(store, pg, path)
                return pg
        else:
            conn.close()
    return _rebuilt(store, path)


def _rebuilt(store: Store, path: Path) -> PortfolioGraph:
    """The graph built from the store, saved as its read model."""
    pg = PortfolioGraph.from_store(store)
    save(store, pg, path)
    return pg


def save(store: Store, pg: PortfolioGraph, path: Path) -> bool:
    """Write ``pg`` as the read model of ``store`` at ``path``, atomically; False if it could not be written.

    A read model that cannot be written (a read-only folder, a full disk) only costs the next
    process a build, so the failure is logged, not raised.
    """
    import pickle
    import tempfile

    header = Header(FORMAT, _store_key(store.identity()), pg.revision, store.revision_stamp(pg.revision))
    try:
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        _log("warning", "read model %s not written: %s", path, exc)
        return False
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            # A cache written whole to a temporary file and renamed: no journal is needed to be safe.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.executescript(_SCHEMA)
            conn.execute("BEGIN")
            with pg._lock:  # noqa: SLF001 - one consistent picture while a server thread may write
                conn.execute(
                    "INSERT INTO header VALUES (?, ?, ?, ?, ?)",
                    (header.format, header.store, header.revision, header.stamp, json.dumps(relation_order(pg))),
                )
                conn.executemany("INSERT INTO node VALUES (?, ?, ?, ?, ?, ?)", node_rows(pg))
                state = pickle.dumps(pg.__getstate__(), protocol=pickle.HIGHEST_PROTOCOL)
            conn.execute("INSERT INTO snapshot VALUES (?)", (state,))
            del state
            conn.execute("COMMIT")
        finally:
            conn.close()
        os.replace(tmp, path)
        return True
    except (OSError, sqlite3.Error) as exc:
        _log("warning", "read model %s not written: %s", path, exc)
        Path(tmp).unlink(missing_ok=True)
        return False


def _open(path: Path, store_key: str) -> tuple[Header, sqlite3.Connection] | None:
    """The saved header and an open connection, if the file is there, readable, of this format and of this store."""
    if not path.exists():
        return None
    conn = None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        # Written whole and renamed, so a file of another length than its pages was damaged since.
        page_size, pages = conn.execute("PRAGMA page_size").fetchone()[0], conn.execute("PRAGMA page_count").fetchone()[0]
        if page_size * pages != path.stat().st_size:
            raise sqlite3.DatabaseError(f"{path.stat().st_size} bytes, {pages} pages of {page_size}")
        row = conn.execute("SELECT format, store, revision, stamp, relations FROM header").fetchone()
        if row is None or row[0] != FORMAT or row[1] != store_key:
            conn.close()
            return None
        relations_out, relations_in = json.loads(row[4])
        return Header(row[0], row[1], row[2], row[3], (relations_out, relations_in)), conn
    except Exception as exc:  # noqa: BLE001 - a cache that cannot be read in any way is rebuilt
        _log("info", "read model %s ignored: %s", path, exc)
        if conn is not None:
            conn.close()
        return None


def _whole_state(conn: sqlite3.Connection) -> dict[str, Any]:
    """The pickled state of the whole graph, read from the file in pieces rather than as one copy."""
    import pickle

    rowid = conn.execute("SELECT rowid FROM snapshot").fetchone()[0]
    with conn.blobopen("snapshot", "state", rowid, readonly=True) as blob:
        reader = io.BufferedReader(_BlobReader(blob), buffer_size=1 << 20)
        with paused_gc(freeze=True):
            state: dict[str, Any] = pickle.load(reader)
    return state


def _whole_graph(conn: sqlite3.Connection, header: Header) -> PortfolioGraph | None:
    """The whole graph from an open read model (closed after), or None if it cannot be read."""
    try:
        state = _whole_state(conn)
    except Exception as exc:  # noqa: BLE001 - a cache that cannot be read in any way is rebuilt
        _log("info", "read model snapshot ignored: %s", exc)
        return None
    finally:
        conn.close()
    pg = PortfolioGraph.__new__(PortfolioGraph)
    pg.__setstate__(state)
    return pg if pg.revision == header.revision else None


class _BlobReader(io.RawIOBase):
    """A SQLite blob as a raw binary stream, so that pickle can read it through a buffer."""

    def __init__(self, blob: sqlite3.Blob):
        self._blob = blob

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._blob.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _store_key(identity: str) -> str:
    # A hash: the identity of a server store is its URL, which the file need not show.
    return hashlib.sha256(identity.encode()).hexdigest()
