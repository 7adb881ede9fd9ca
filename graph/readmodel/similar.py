"""The similarity index kept in a file beside the store, so that a fresh process (``tracker similar``,
``tracker synergies``, a server start) does not build it again: 4-9 s at 100,000 nodes.

Like the read model (graph/readmodel/) the file is keyed by the store's identity, revision and
revision stamp. A file of this very revision is used as it is; one of an earlier revision of the
same history is caught up by re-vectorising what changed since (``SimilarityIndex.updated``) and
saved again; anything else (missing, unreadable, another store, another history, another version
of this program, too much changed) is built afresh. It is a cache: deleting it loses nothing, and
a file that cannot be read or written is never an error.

The file holds the header and the index's plain lists, dicts and numpy arrays
(``SimilarityIndex.to_state``) in graph/safefile.py's format, which loading cannot turn into running
code; it is written to a temporary file and renamed over the old one, so a reader sees one whole
file or the other.
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph import safefile
from graph.portfolio import PortfolioGraph
from graph.queries import similarity_index
from graph.queries.similarity_index import SimilarityIndex, adopt, index_of, warm
from graph.store.base import Store
from graph.store.sqlite import SQLiteStore

#: Bumped whenever the saved state changes shape: an older file is then rebuilt, not misread.
FORMAT = "ambition-tracker/similar/2"
SUFFIX = ".similar"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Header:
    """What the file was saved from: format, store (a hash of its identity), revision and its stamp."""

    format: str
    store: str
    revision: int
    stamp: str | None


def default_path(store: Store, folder: Path | None = None) -> Path | None:
    """``<file>.similar`` beside a SQLite store; for any other store (Neo4j)
    ``<folder>/<hash of the store>.similar`` in the instance folder, as its read model is kept
    (graph/readmodel/), or None (no file is kept) without a folder.

    >>> with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "portfolio.db") as store:
    ...     default_path(store).name, len(default_path(store, Path(folder)).name)
    ('portfolio.db.similar', 24)
    """
    if isinstance(store, SQLiteStore) and folder is None:
        return store.path.with_name(store.path.name + SUFFIX)
    if folder is None:
        return None
    return folder / f"{_store_key(store)[:16]}{SUFFIX}"


def load_index(store: Store, pg: PortfolioGraph, path: Path | None = None) -> SimilarityIndex | None:
    """Make the saved index ``pg``'s index if it is of ``store`` at ``pg``'s revision, or of an
    earlier revision of the same history (then caught up and saved again); return it, or None."""
    path = path if path is not None else default_path(store)
    if path is None:
        return None
    saved = _load(path, _store_key(store))
    if saved is None:
        return None
    header, index = saved
    if header.stamp != store.revision_stamp(header.revision) or header.revision > pg.revision:
        return None
    if header.revision < pg.revision:
        if len(index.features) < similarity_index.INCREMENTAL_FROM:
            return None  # a small index is built afresh: exact, and cheaper than a page view
        delta = store.changes_since(header.revision)
        if delta.revision != pg.revision:
            return None  # the store moved on past the graph: the graph's own index is built instead
        caught = index.updated(pg, [r.id for r in delta.upserts] + list(delta.deletes))
        if caught is None:
            return None
        index = caught
        save(store, index, path)
    adopt(pg, index)
    return index


def open_index(store: Store, pg: PortfolioGraph, path: Path | None = None) -> SimilarityIndex:
    """``pg``'s similarity index by way of the file at ``path`` (default ``default_path(store)``),
    loaded, caught up, or built and saved: the file is left up to date."""
    path = path if path is not None else default_path(store)
    found = load_index(store, pg, path)
    if found is None:
        found = index_of(pg)
        if path is not None:
            save(store, found, path)
    return found


def build_and_save(store: Store, pg: PortfolioGraph, path: Path | None = None) -> None:
    """Build ``pg``'s index in the background (a server start does not wait for it) and save it when built."""
    path = path if path is not None else default_path(store)
    # Asked now: the store's connection belongs to this thread.
    header = Header(FORMAT, _store_key(store), pg.revision, store.revision_stamp(pg.revision))

    def keep(index: SimilarityIndex) -> None:
        if path is not None and index.revision == header.revision:
            _write(path, header, index.to_state())

    warm(pg, keep)


def save(store: Store, index: SimilarityIndex, path: Path) -> bool:
    """Write ``index`` as the saved index of ``store`` at ``path``, atomically; False if it could not
    be written (a read-only folder, a full disk: the next process builds instead, so it is only logged)."""
    header = Header(FORMAT, _store_key(store), index.revision, store.revision_stamp(index.revision))
    return _write(path, header, index.to_state())


def _write(path: Path, header: Header, state: dict[str, Any]) -> bool:
    try:
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        log.warning("similarity index %s not written: %s", path, exc)
        return False
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(safefile.dumps([(header.format, header.store, header.revision, header.stamp), state]))
        os.replace(tmp, path)
        return True
    except (OSError, ValueError) as exc:
        log.warning("similarity index %s not written: %s", path, exc)
        Path(tmp).unlink(missing_ok=True)
        return False


def _load(path: Path, store_key: str) -> tuple[Header, SimilarityIndex] | None:
    """The saved header and index if the file is there, readable, of this format and of this store."""
    try:
        (fmt, store, revision, stamp), state = safefile.loads(path.read_bytes())
        header = Header(fmt, store, revision, stamp)
        if header.format != FORMAT or header.store != store_key:
            return None
        index = SimilarityIndex.from_state(state)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - a cache that cannot be read in any way is rebuilt
        log.info("similarity index %s ignored: %s", path, exc)
        return None
    return (header, index) if index.revision == header.revision else None


def _store_key(store: Store) -> str:
    # A hash: the identity of a server store is its URL, which the file need not show.
    return hashlib.sha256(store.identity().encode()).hexdigest()
