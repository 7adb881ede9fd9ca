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
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from graph.portfolio import PortfolioGraph, _role_target

#: One row of the read model's node table: id, kind, programme, version, fields (JSON), links (marshal).
NodeRow = tuple[str, str, "str | None", int, str, "bytes | None"]  # noqa: UP037 - a runtime alias
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
    "challenges_of",
    "prerequisites_of",
    "initiatives_serving",
    "focus_areas_served",
    "indicators_of",
    "enablers_of",
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


def node_rows(pg: PortfolioGraph, only: Iterable[str] | None = None) -> Iterator[NodeRow]:
    """Every element of ``pg`` (themes and roles included), or those of ``only`` that it holds, as
    rows of the read model's node table.

    The links are ``marshal``-ed ``(out, in, person roles, target roles)``: ``out`` and ``in`` are
    ``[(relation, [neighbours])]`` in the graph's relation order; None when the element has no links.
    """
    encode = _json_encoder()
    raw, data, person_roles, target_roles = pg._raw, pg._data, pg._person_roles, pg._target_roles
    dumps = marshal.dumps
    if only is None:
        items: Iterable[str] = pg._kind
        out = _by_node(pg._out)
        into = _by_node(pg._in)
    else:
        items = [i for i in only if i in pg._kind]
        out = {i: [(rel, index[i]) for rel, index in pg._out.items() if i in index] for i in items}
        into = {i: [(rel, index[i]) for rel, index in pg._in.items() if i in index] for i in items}
    for item in items:
        text = raw.get(item)
        if text is None:
            text = encode(data[item])
        links = (out.get(item) or (), into.get(item) or (), person_roles.get(item) or (), target_roles.get(item) or ())
        yield item, pg._kind[item], pg._programme[item], pg._version[item], text, dumps(links) if any(links) else None


def neighbourhood(pg: PortfolioGraph, items: Iterable[str]) -> set[str]:
    """The elements whose rows change when ``items`` change: the items, everything linked to or from
    them, and a role's person and target. Ask it of the graph before a change and after it.
    """
    found: set[str] = set()
    for item in items:
        found.add(item)
        kind = pg._kind.get(item)
        if kind is None:
            continue
        if kind == "role":
            data = pg.data(item)
            found.add(data["person"])
            found.add(_role_target(data))
        for index in pg._out.values():
            found.update(index.get(item, ()))
        for index in pg._in.values():
            found.update(index.get(item, ()))
    return found


def _by_node(indexes: dict[str, dict[str, list[str]]]) -> dict[str, list[tuple[str, list[str]]]]:
    by_node: dict[str, list[tuple[str, list[str]]]] = {}
    for relation, index in indexes.items():
        for node, neighbours in index.items():
            by_node.setdefault(node, []).append((relation, neighbours))
    return by_node


def relation_order(pg: PortfolioGraph) -> tuple[list[str], list[str]]:
    """The graph's relations in the order its indexes hold them (outgoing, incoming)."""
    return list(pg._out), list(pg._in)


class LazyPortfolioGraph(PortfolioGraph):
    """A ``PortfolioGraph`` over an open read model file, filled element by element (see the module).

    ``conn`` is an open connection to the read model, in a read transaction (so that every row it
    reads is of one revision); ``relations`` the graph's relation order (so ``links_out`` lists them
    as the whole graph would); ``load_whole`` returns the whole graph, from the same file and the
    store; ``rebuild`` builds it from the store alone, for a file found damaged after it was opened.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        revision: int,
        relations: tuple[list[str], list[str]],
        load_whole: Callable[[], PortfolioGraph],
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
                rows = conn.execute("SELECT kind, programme, version, data, links FROM node WHERE id = ?", (item,)).fetchall()
            except sqlite3.Error:
                self.materialize()  # a damaged file: the whole graph is built another way
                return
            if rows:
                kind, programme, version, text, links = rows[0]
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
                whole = self._load_whole()
            except Exception:  # noqa: BLE001 - a cache that cannot be read in any way is rebuilt
                whole = self._rebuild()
            self._conn.close()
            self._conn = None
            lock = self._lock
            vars(self).clear()
            vars(self).update(vars(whole))
            self._lock = lock
            # Every table is whole now: dropping the lazy methods' one check is what makes a
            # materialized graph exactly as fast as one that was never lazy.
            self.__class__ = PortfolioGraph  # type: ignore[assignment]  # see the comment above


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
