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
asking about a few elements reads only their rows: graph/readmodel/lazy.py) and ``snapshot`` (the
whole graph's tables in graph/safefile.py's format, which loading cannot turn into running code,
for what needs all of it: a server, coverage, checks). It
is written to a temporary file renamed over the old one, so a reader sees the old file or the new
one, never half of one; a reader that has it open keeps reading the file it opened.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph import safefile
from graph.bulk import paused_gc
from graph.portfolio import PortfolioGraph
from graph.readmodel.lazy import LazyPortfolioGraph, neighbourhood, node_rows, relation_order
from graph.store.base import Store
from graph.store.sqlite import SQLiteStore

#: Bumped whenever the file or PortfolioGraph's tables change shape: an older file is then rebuilt, not misread.
FORMAT = "ambition-tracker/readmodel/3"
SUFFIX = ".readmodel"
#: A catch-up rewrites the rows it touches; once this many elements (or this share of them) changed
#: since the snapshot, it writes the whole file again, so that loading it whole stays a load.
RESNAPSHOT_CHANGES, RESNAPSHOT_SHARE = 2_000, 0.02
#: How long a catch-up waits for commands reading the file before it leaves the writing to the next one.
WRITE_WAIT_S = 2.0
_SCHEMA = """
CREATE TABLE header (format TEXT NOT NULL, store TEXT NOT NULL, revision INTEGER NOT NULL, stamp TEXT,
                     relations TEXT NOT NULL, snapshot_revision INTEGER NOT NULL);
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
    """What the file was saved from: format, store (a hash of its identity), the revision its rows
    are at and its stamp, the graph's relation order (outgoing, incoming), and the revision of its
    snapshot (the same or earlier: a catch-up rewrites the rows it changes, not the snapshot)."""

    format: str
    store: str
    revision: int
    stamp: str | None
    relations: tuple[list[str], list[str]] = ([], [])
    snapshot_revision: int = 0


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
    file when first asked about it (graph/readmodel/lazy.py): what a short command asking about a
    few elements wants; keep the store open while it is used. Without, the whole graph is loaded:
    what a server wants. With no path and no default (a Bolt store without a folder) the graph is
    built from the store.
    """
    path = path if path is not None else default_path(store)
    if path is None:
        return PortfolioGraph.from_store(store)
    revision = store.revision()
    opened = _open(path, _store_key(store.identity()))
    if opened is None:
        return _rebuilt(store, path)
    header, conn = opened
    current = header.revision == revision and header.stamp == store.revision_stamp(revision)
    if current and lazy:
        return LazyPortfolioGraph(
            conn,
            header.revision,
            header.relations,
            lambda: _caught_up(_whole_graph(conn, header), store),
            lambda: _rebuilt(store, path),
        )
    # Rows at this revision or behind it: caught up by what changed since, if the saved revision is
    # one of this store's own past (a restored backup written on since has other revisions of that number).
    stamp = header.stamp if current else store.revision_stamp(header.revision)
    if header.revision > revision or stamp is None or stamp != header.stamp:
        conn.close()
        return _rebuilt(store, path)
    try:
        pg = _whole_graph(conn, header)
    except Exception as exc:  # noqa: BLE001 - a cache that cannot be read in any way is rebuilt
        _log("info", "read model %s ignored: %s", path, exc)
        return _rebuilt(store, path)
    finally:
        conn.close()
    if pg.revision == revision:
        return pg  # snapshot and rows at the store's revision: nothing to read from the store
    delta = store.changes_since(pg.revision)
    changed = [r.id for r in delta.upserts] + list(delta.deletes)
    touched = neighbourhood(pg, changed)
    pg.apply(delta.upserts, delta.deletes)
    pg.revision = delta.revision
    if pg.revision != header.revision:
        if len(changed) > max(RESNAPSHOT_CHANGES, RESNAPSHOT_SHARE * len(pg)):
            save(store, pg, path)
        else:
            _update_rows(store, pg, path, header, touched | neighbourhood(pg, changed))
    return pg


def _caught_up(pg: PortfolioGraph, store: Store) -> PortfolioGraph:
    """The whole graph from a snapshot, brought up to the store's present revision."""
    pg.refresh(store)
    return pg


def _rebuilt(store: Store, path: Path) -> PortfolioGraph:
    """The graph built from the store, saved as its read model."""
    pg = PortfolioGraph.from_store(store)
    save(store, pg, path)
    return pg


def save(store: Store, pg: PortfolioGraph, path: Path) -> bool:
    """Write ``pg`` as the read model of ``store`` at ``path``, whole and atomically; False if it could not be written.

    A read model that cannot be written (a read-only folder, a full disk) only costs the next
    process a build, so the failure is logged, not raised.
    """
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        _log("warning", "read model %s not written: %s", path, exc)
        return False
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            # Written whole to a temporary file and renamed: no journal is needed to be safe.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.executescript(_SCHEMA)
            conn.execute("BEGIN")
            with pg._lock:  # noqa: SLF001 - one consistent picture while a server thread may write
                conn.execute("INSERT INTO header VALUES (?, ?, ?, ?, ?, ?)", _header_row(store, pg, pg.revision))
                conn.executemany("INSERT INTO node VALUES (?, ?, ?, ?, ?, ?)", sorted(node_rows(pg)))
                state = safefile.dumps(pg.__getstate__())
            conn.execute("INSERT INTO snapshot VALUES (?)", (state,))
            del state
            conn.execute("COMMIT")
        finally:
            conn.close()
        os.replace(tmp, path)
        return True
    except (OSError, sqlite3.Error, ValueError) as exc:
        _log("warning", "read model %s not written: %s", path, exc)
        Path(tmp).unlink(missing_ok=True)
        return False


def _update_rows(store: Store, pg: PortfolioGraph, path: Path, header: Header, touched: set[str]) -> bool:
    """Rewrite, in place and in one transaction, the rows of ``touched`` elements and the header,
    keeping the snapshot; False if the file could not be written or another process got there first.

    A command reading the file holds a read transaction, so this waits for it (up to WRITE_WAIT_S)
    rather than change rows under it; a reader never sees rows of two revisions.
    """
    try:
        conn = sqlite3.connect(path, timeout=WRITE_WAIT_S, isolation_level=None)
    except sqlite3.Error as exc:
        _log("warning", "read model %s not updated: %s", path, exc)
        return False
    try:
        conn.execute("BEGIN IMMEDIATE")
        now = conn.execute("SELECT revision, snapshot_revision FROM header").fetchall()
        if now != [(header.revision, header.snapshot_revision)]:
            conn.execute("ROLLBACK")
            return False  # another process caught it up meanwhile
        gone = [item for item in touched if item not in pg]
        conn.executemany("DELETE FROM node WHERE id = ?", [(item,) for item in gone])
        conn.executemany("INSERT OR REPLACE INTO node VALUES (?, ?, ?, ?, ?, ?)", node_rows(pg, sorted(touched)))
        conn.execute("DELETE FROM header")
        conn.execute("INSERT INTO header VALUES (?, ?, ?, ?, ?, ?)", _header_row(store, pg, header.snapshot_revision))
        conn.execute("COMMIT")
        return True
    except sqlite3.Error as exc:  # most likely a long reader: the next process catches it up
        _log("info", "read model %s not updated: %s", path, exc)
        return False
    finally:
        conn.close()


def _header_row(store: Store, pg: PortfolioGraph, snapshot_revision: int) -> tuple[object, ...]:
    return (
        FORMAT,
        _store_key(store.identity()),
        pg.revision,
        store.revision_stamp(pg.revision),
        json.dumps(relation_order(pg)),
        snapshot_revision,
    )


def _open(path: Path, store_key: str) -> tuple[Header, sqlite3.Connection] | None:
    """The saved header and a connection in a read transaction, if the file is there, readable,
    of this format and of this store."""
    if not path.exists():
        return None
    conn = None
    try:
        # Opened for writing too (SQLite falls back to reading where it may not write): then a
        # catch-up that died half-way is rolled back by SQLite from its journal on this first read.
        conn = sqlite3.connect(path, timeout=WRITE_WAIT_S, check_same_thread=False, isolation_level=None)
        conn.execute("BEGIN")  # every row read from here on is of the header's revision
        rows = conn.execute("SELECT format, store, revision, stamp, relations, snapshot_revision FROM header").fetchall()
        # Only SQLite writes it, so a file of another length than its pages was damaged since.
        page_size, pages = conn.execute("PRAGMA page_size").fetchone()[0], conn.execute("PRAGMA page_count").fetchone()[0]
        if page_size * pages != path.stat().st_size:
            raise sqlite3.DatabaseError(f"{path.stat().st_size} bytes, {pages} pages of {page_size}")
        if len(rows) != 1 or rows[0][0] != FORMAT or rows[0][1] != store_key:
            conn.close()
            return None
        fmt, key, revision, stamp, relations, snapshot_revision = rows[0]
        relations_out, relations_in = json.loads(relations)
        return Header(fmt, key, revision, stamp, (relations_out, relations_in), snapshot_revision), conn
    except Exception as exc:  # noqa: BLE001 - a cache that cannot be read in any way is rebuilt
        _log("info", "read model %s ignored: %s", path, exc)
        if conn is not None:
            conn.close()
        return None


def _whole_graph(conn: sqlite3.Connection, header: Header) -> PortfolioGraph:
    """The whole graph of the snapshot (at ``header.snapshot_revision``), read from the file in pieces
    rather than as one copy; raises if it cannot be read."""
    (data,) = conn.execute("SELECT state FROM snapshot").fetchone()
    with paused_gc(freeze=True):
        state: dict[str, Any] = safefile.loads(data)
    del data
    pg = PortfolioGraph.__new__(PortfolioGraph)
    pg.__setstate__(state)
    if pg.revision != header.snapshot_revision:
        raise ValueError(f"snapshot at revision {pg.revision}, header says {header.snapshot_revision}")
    return pg


def _store_key(identity: str) -> str:
    # A hash: the identity of a server store is its URL, which the file need not show.
    return hashlib.sha256(identity.encode()).hexdigest()
