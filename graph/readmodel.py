"""The prepared read model: the built portfolio graph kept in a file beside the store.

A fresh process (every CLI command, a server start) would otherwise read and decode every record
and build the graph: 1-3 s at 100,000 elements for an answer that takes a millisecond. Instead
``open_graph`` loads the graph a previous process saved, if it was saved from this very store
at the store's present revision; if the store moved on since, it applies only what changed
after the saved revision; otherwise, or if the file is missing, unreadable or from another
version of this program, it builds the graph from the store. Either way it saves the result for
the next process. Deleting the file loses nothing.

The file is a pickle: a local cache written by this program, beside a store that whoever can
write this file can write too. It is replaced atomically (a temporary file renamed over it), so
a reader sees the old file or the new one, never half of one.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from graph.bulk import paused_gc
from graph.portfolio import PortfolioGraph
from graph.store.base import Store
from graph.store.sqlite import SQLiteStore

#: Bumped whenever PortfolioGraph's tables change shape: an older file is then rebuilt, not misread.
FORMAT = "ambition-tracker/readmodel/1"
SUFFIX = ".readmodel"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Header:
    """What the file was saved from: format, store (a hash of its identity), revision and its stamp."""

    format: str
    store: str
    revision: int
    stamp: str | None


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


def open_graph(store: Store, path: Path | None = None) -> PortfolioGraph:
    """Return the store's portfolio graph at (at least) its present revision, by way of the read model
    at ``path`` (default: ``default_path(store)``), and leave that read model up to date.

    With no path and no default (a Bolt store without a folder) the graph is built from the store.
    """
    path = path if path is not None else default_path(store)
    if path is None:
        return PortfolioGraph.from_store(store)
    store_key = _store_key(store.identity())
    revision = store.revision()
    saved = _load(path, store_key)
    if saved is not None:
        header, pg = saved
        if header.revision == revision and header.stamp == store.revision_stamp(revision):
            return pg
        # The store moved on: apply what changed since, if the saved revision is one of its own past.
        stamp = store.revision_stamp(header.revision)
        if header.revision < revision and stamp is not None and stamp == header.stamp:
            pg.refresh(store)
            save(store, pg, path)
            return pg
    pg = PortfolioGraph.from_store(store)
    save(store, pg, path)
    return pg


def save(store: Store, pg: PortfolioGraph, path: Path) -> bool:
    """Write ``pg`` as the read model of ``store`` at ``path``, atomically; False if it could not be written.

    A read model that cannot be written (a read-only folder, a full disk) only costs the next
    process a build, so the failure is logged, not raised.
    """
    header = Header(FORMAT, _store_key(store.identity()), pg.revision, store.revision_stamp(pg.revision))
    try:
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        log.warning("read model %s not written: %s", path, exc)
        return False
    try:
        with os.fdopen(fd, "wb") as out:
            pickle.dump(header, out, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(pg, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        return True
    except OSError as exc:
        log.warning("read model %s not written: %s", path, exc)
        Path(tmp).unlink(missing_ok=True)
        return False


def _load(path: Path, store_key: str) -> tuple[Header, PortfolioGraph] | None:
    """The saved header and graph if the file is there, readable, of this format and of this store."""
    try:
        with path.open("rb") as f:
            header = _read_header(f)
            if header is None or header.format != FORMAT or header.store != store_key:
                return None
            with paused_gc(freeze=True):
                pg = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - a cache that cannot be read in any way is rebuilt
        log.info("read model %s ignored: %s", path, exc)
        return None
    if not isinstance(pg, PortfolioGraph) or pg.revision != header.revision:
        return None
    return header, pg


def _read_header(f: BinaryIO) -> Header | None:
    header = pickle.load(f)
    return header if isinstance(header, Header) else None


def _store_key(identity: str) -> str:
    # A hash: the identity of a server store is its URL, which the file need not show.
    return hashlib.sha256(identity.encode()).hexdigest()
