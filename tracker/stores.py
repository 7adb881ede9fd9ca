"""Opening the store a command works on: read commands never create one, write commands may."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.portfolio import PortfolioGraph
from graph.readmodel import default_path, open_graph
from graph.readmodel.lazy import LazyPortfolioGraph
from graph.store import Store, open_store
from tracker.errors import UserError
from tracker.settings import Settings

SQLITE_PREFIX = "sqlite:///"


def sqlite_file(url: str) -> Path | None:
    """The file a ``sqlite:///`` URL names, or None for any other store."""
    return Path(url.removeprefix(SQLITE_PREFIX)) if url.startswith(SQLITE_PREFIX) else None


def open_existing(url: str) -> Store:
    """Open a store that must already exist; a missing SQLite file is refused, and nothing is created.

    >>> open_existing("sqlite:////no/such/folder/x.db")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    tracker.errors.UserError: the store '/no/such/folder/x.db' does not exist; ...
    """
    path = sqlite_file(url)
    if path is not None and not path.exists():
        raise UserError(
            da=f"lageret '{path}' findes ikke; indlæs en portefølje med 'tracker import FIL' eller 'tracker demo', "
            "eller vælg et andet lager med --store",
            en=f"the store '{path}' does not exist; load a portfolio with 'tracker import FILE' or 'tracker demo', "
            "or choose another store with --store",
        )
    return open_store(url)


@contextmanager
def open_writable(url: str) -> Iterator[Store]:
    """Open a store to write to; a SQLite file (and its folder) is created when missing.

    A file created here that holds no revision when the command is done (a refused import, a dry
    run) is removed again: otherwise a later read would take it for an empty portfolio.
    """
    path = sqlite_file(url)
    fresh = path is not None and not path.exists()
    made = [p for p in (path.parents if path is not None else []) if not p.exists()]
    written = False
    try:
        with open_store(url) as store:
            yield store
            written = store.revision() > 0
    finally:
        if fresh and not written and path is not None:
            _remove_new_store(path, made)


def _remove_new_store(path: Path, folders: list[Path]) -> None:
    """Remove a SQLite file this command created, its journal files, and the folders made for it."""
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm", f"{path.name}-journal"):
        (path.parent / name).unlink(missing_ok=True)
    for folder in folders:  # innermost first
        try:
            folder.rmdir()
        except OSError:
            break


def load_graph(url: str) -> PortfolioGraph:
    """The in-memory graph of a store that must exist, by way of its prepared read model.

    The read model (graph/readmodel/, ``<store file>.readmodel``) spares a fresh command
    decoding every record and building the graph: it is loaded when it matches the store's
    revision, caught up when the store moved on, and rebuilt and saved otherwise.

    A Bolt store's read model is kept in the instance folder (``TRACKER_INSTANCE``), as a server
    keeps it, when that folder exists; a read command creates no folder.

    The graph is lazy (graph/readmodel/lazy.py): a command that asks about a few elements reads only
    their rows of the read model; one that asks about everything loads it whole. The store stays
    open while the graph may need it (a damaged read model is rebuilt from it) and closes with the process.
    """
    store = open_existing(url)
    try:
        pg = open_graph(store, _read_model_path(store), lazy=True)
    except BaseException:
        store.close()
        raise
    if not isinstance(pg, LazyPortfolioGraph):
        store.close()
    return pg


def similar_index_path(store: Store) -> Path | None:
    """Where the similarity index is kept: beside a SQLite file; for any other store in the
    instance folder, if there is one (as the read model)."""
    from graph.readmodel.similar import default_path as similar_path

    beside = similar_path(store)
    if beside is not None:
        return beside
    folder = Settings().instance
    return similar_path(store, folder) if folder.is_dir() else None


def _read_model_path(store: Store) -> Path | None:
    """Beside a SQLite file; for any other store in the instance folder, if there is one."""
    beside = default_path(store)
    if beside is not None:
        return beside
    folder = Settings().instance
    return default_path(store, folder) if folder.is_dir() else None
