"""A portfolio graph that loads each element from the prepared read model when it is first asked about.

A command such as ``tracker trace ID`` reads a few dozen elements of a portfolio that may hold
200,000. Loading the whole graph for it costs a fresh process half a second; reading only the
rows it walks costs a millisecond. ``LazyPortfolioGraph`` is a ``PortfolioGraph`` whose tables
start empty and are filled, one element at a time, from the read model's ``node`` table
(graph/readmodel.py): an element's row brings its fields and every edge into and out of it, so
a walk from an element it has read sees exactly what the whole graph would show.

Questions about the whole graph (``ids``, ``count``, ``records``, ``to_networkx``, ``len``) and
every change (``apply``, ``remove``, ``refresh``) first load the whole graph from the read model's
snapshot; from then on the object *is* a plain ``PortfolioGraph``. So every query keeps its one
implementation, and a query that needs everything costs what it cost before.

This module and graph/portfolio.py are the only ones that know the graph's tables: the row codec
(``node_rows``) and its inverse (``LazyPortfolioGraph._fill``) live side by side here.
"""
from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from graph.portfolio import PortfolioGraph

#: One row of the read model's node table: id, kind, programme, version, fields (JSON), links (marshal).
NodeRow = tuple[str, str, "str | None", int, str, "bytes | None"]
#: Methods that ask about one element, named by their first argument: that element is loaded first.
KEYED = (
    "__contains__",
    "kind",
    "data",
    "version",
    "programme_of",
    "out",
    "has_out",
    "into",
    "role_holders",
    "roles_of",
    "roles_towards",
    "links_out",
    "links_in",
    "display_title",
    "element_json",
    "record",
    "specialty_of",
    "ambitions_of",
    "strength_positions_of",
    "focus_areas_of",
    "focus_area_key",
)
#: Methods that read or change the whole graph: the whole graph is loaded first.
WHOLE = (
    "__len__",
    "number_of_edges",
    "ids",
    "count",
    "records",
    "refresh",
    "apply",
    "remove",
    "to_networkx",
    "__getstate__",
)


def node_rows(pg: PortfolioGraph) -> Iterator[tuple[str, str, str | None, int, str, bytes | None]]:
    """Every element of ``pg`` (themes and roles included) as a row of the read model's node table.

    The links are ``marshal``-ed ``(out, in, person roles, target roles)``: ``out`` and ``in`` are
    ``[(relation, [neighbours])]`` in the graph's relation order; None when the element has no links.
    """
    out: dict[str, list[tuple[str, list[str]]]] = {}
    into: dict[str, list[tuple[str, list[str]]]] = {}
    for relation, index in pg._out.items():
        for node, targets in index.items():
            out.setdefault(node, []).append((relation, targets))
    for relation, index in pg._in.items():
        for node, sources in index.items():
            into.setdefault(node, []).append((relation, sources))
    encode = _json_encoder()
    raw, data, person_roles, target_roles = pg._raw, pg._data, pg._person_roles, pg._target_roles
    dumps = marshal.dumps
    for item, kind in pg._kind.items():
        text = raw.get(item)
        if text is None:
            text = encode(data[item])
        links = (out.get(item, ()), into.get(item, ()), person_roles.get(item, ()), target_roles.get(item, ()))
        yield item, kind, pg._programme[item], pg._version[item], text, dumps(links) if any(links) else None


def relation_order(pg: PortfolioGraph) -> tuple[list[str], list[str]]:
    """The graph's relations in the order its indexes hold them (outgoing, incoming)."""
    return list(pg._out), list(pg._in)


class LazyPortfolioGraph(PortfolioGraph):
    """A ``PortfolioGraph`` over an open read model file, filled element by element (see the module).

    ``conn`` is an open connection to the read model; ``relations`` the graph's relation order
    (so ``links_out`` lists them as the whole graph would); ``load_whole`` returns the state of
    the whole graph (``PortfolioGraph.__getstate__``) from the same file; ``rebuild`` builds the
    whole graph another way (from the store), for a file found damaged after it was opened.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        revision: int,
        relations: tuple[list[str], list[str]],
        load_whole: Callable[[], dict[str, Any]],
        rebuild: Callable[[], PortfolioGraph],
    ):
        self._init_tables(revision)
        self._conn: sqlite3.Connection | None = conn
        self._load_whole = load_whole
        self._rebuild = rebuild
        self._seen: set[str] = set()
        self._out = {relation: {} for relation in relations[0]}
        self._in = {relation: {} for relation in relations[1]}

    def _fill(self, item: str) -> None:
        """Load one element's row into the tables (once; an unknown id is remembered as unknown)."""
        conn = self._conn
        if conn is None or item in self._seen:
            return
        with self._lock:
            if item in self._seen:
                return
            try:
                row = conn.execute("SELECT kind, programme, version, data, links FROM node WHERE id = ?", (item,)).fetchone()
            except sqlite3.Error:
                self.materialize()  # a damaged file: the whole graph is built another way
                return
            if row is not None:
                kind, programme, version, text, links = row
                self._kind[item] = kind
                self._raw[item] = text
                self._programme[item] = programme
                self._version[item] = version
                if links is not None:
                    out, into, person_roles, target_roles = marshal.loads(links)
                    for relation, targets in out:
                        self._out.setdefault(relation, {})[item] = targets
                    for relation, sources in into:
                        self._in.setdefault(relation, {})[item] = sources
                    if person_roles:
                        self._person_roles[item] = person_roles
                    if target_roles:
                        self._target_roles[item] = target_roles
            self._seen.add(item)

    def materialize(self) -> None:
        """Load the whole graph; from here on this object is a plain ``PortfolioGraph``."""
        with self._lock:
            if self._conn is None:
                return
            try:
                state = self._load_whole()
            except Exception:  # noqa: BLE001 - a cache that cannot be read in any way is rebuilt
                state = self._rebuild().__getstate__()
            revision = self.revision
            self._conn.close()
            self._conn = None
            lock = self._lock
            vars(self).clear()
            PortfolioGraph.__setstate__(self, state)
            self._lock = lock
            self.revision = revision
            # Every table is whole now: dropping the lazy methods' one check is what makes a
            # materialized graph exactly as fast as one that was never lazy.
            self.__class__ = PortfolioGraph


def _json_encoder() -> Callable[[Any], str]:
    import json

    return json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _keyed(name: str) -> Callable[..., Any]:
    base = getattr(PortfolioGraph, name)

    def method(self: LazyPortfolioGraph, item: str, *args: Any, **kwargs: Any) -> Any:
        if self._conn is not None and item not in self._seen:
            self._fill(item)
        return base(self, item, *args, **kwargs)

    method.__name__, method.__doc__ = name, f"``PortfolioGraph.{name}``, with the element read from the file first."
    return method


def _whole(name: str) -> Callable[..., Any]:
    base = getattr(PortfolioGraph, name)

    def method(self: LazyPortfolioGraph, *args: Any, **kwargs: Any) -> Any:
        self.materialize()
        return base(self, *args, **kwargs)

    method.__name__, method.__doc__ = name, f"``PortfolioGraph.{name}``, with the whole graph loaded first."
    return method


for _name in KEYED:
    setattr(LazyPortfolioGraph, _name, _keyed(_name))
for _name in WHOLE:
    setattr(LazyPortfolioGraph, _name, _whole(_name))
