"""A portfolio graph that loads each element from the prepared read model when it is first asked about.

A command such as ``tracker trace ID`` reads a few dozen elements of a portfolio that may hold
200,000. Loading the whole graph for it costs a fresh process half a second; reading only the
rows it walks costs a millisecond. ``LazyPortfolioGraph`` is a ``PortfolioGraph`` whose tables
start empty and are filled, one element at a time, from the read model's ``node`` table
(graph/readmodel/): an element's row brings its fields and every edge into and out of it, so
a walk from an element it has read sees exactly what the whole graph would show.

Questions about the whole graph (``ids``, ``count``, ``records``, ``to_networkx``, ``len``) and
every change (``apply``, ``remove``, ``refresh``) first load the whole graph from the read model's
snapshot into the same tables; from then on every question is answered from them with one check
(``materialized``) before ``PortfolioGraph``'s own method. So every query keeps its one
implementation, and a query that needs everything costs what it cost before. The lazy graph is
for short commands; a server loads the whole graph (``open_graph`` without ``lazy``).

This module and graph/portfolio.py are the only ones that know the graph's tables: the row codec
(``node_rows``) and its inverse (``LazyPortfolioGraph._fill``) live side by side here.
Every method of ``PortfolioGraph`` is named in ``KEYED`` or ``WHOLE`` and overridden below by name
(tests/graph/test_lazyportfolio.py holds both lists to the class).
"""
from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from graph.portfolio import PortfolioGraph, _role_target
from graph.record import Data, Record

if TYPE_CHECKING:
    import networkx as nx

    from graph.store.base import Store

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

    @property
    def materialized(self) -> bool:
        """Whether the whole graph is loaded (every table whole, the file closed)."""
        return self._conn is None

    def _fill(self, item: object) -> None:
        """Load one element's row into the tables (once; an unknown id is remembered as unknown)."""
        conn = self._conn
        if conn is None or item in self._seen or not isinstance(item, str):
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
        """Load the whole graph into this object's tables and close the file."""
        with self._lock:
            if self._conn is None:
                return
            try:
                whole = self._load_whole()
            except Exception:  # noqa: BLE001 - a cache that cannot be read in any way is rebuilt
                whole = self._rebuild()
            conn, lock = self._conn, self._lock
            vars(self).clear()
            vars(self).update(vars(whole))
            self._lock = lock
            self._conn = None
            self._seen = set()
            conn.close()

    # -- questions about one element: its row is read first ------------------------------
    def __contains__(self, item: object) -> bool:
        if self._conn is not None:
            self._fill(item)
        return PortfolioGraph.__contains__(self, item)

    def kind(self, item: str) -> str | None:
        if self._conn is not None:
            self._fill(item)
        return PortfolioGraph.kind(self, item)

    def data(self, item: str) -> Data:
        if self._conn is not None:
            self._fill(item)
        return PortfolioGraph.data(self, item)

    def version(self, item: str) -> int:
        if self._conn is not None:
            self._fill(item)
        return PortfolioGraph.version(self, item)

    def programme_of(self, item: str) -> str | None:
        if self._conn is not None:
            self._fill(item)
        return PortfolioGraph.programme_of(self, item)

    def out(self, item: str, relation: str) -> list[str]:
        if self._conn is not None:
            self._fill(item)
        return PortfolioGraph.out(self, item, relation)

    def has_out(self, item: str, relation: str) -> bool:
        if self._conn is not None:
            self._fill(item)
        return PortfolioGraph.has_out(self, item, relation)

    def into(self, item: str, relation: str) -> list[str]:
        if self._conn is not None:
            self._fill(item)
        return PortfolioGraph.into(self, item, relation)

    def role_holders(self, target: str, role: str) -> list[str]:
        if self._conn is not None:
            self._fill(target)
        return PortfolioGraph.role_holders(self, target, role)

    def roles_of(self, person: str) -> list[Data]:
        if self._conn is not None:
            self._fill(person)
        return PortfolioGraph.roles_of(self, person)

    def roles_towards(self, target: str) -> list[Data]:
        if self._conn is not None:
            self._fill(target)
        return PortfolioGraph.roles_towards(self, target)

    def links_out(self, item: str) -> list[tuple[str, str]]:
        if self._conn is not None:
            self._fill(item)
        return PortfolioGraph.links_out(self, item)

    def links_in(self, item: str) -> list[tuple[str, str]]:
        if self._conn is not None:
            self._fill(item)
        return PortfolioGraph.links_in(self, item)

    def display_title(self, item: str, limit: int = 80) -> str:
        if self._conn is not None:
            self._fill(item)
        return PortfolioGraph.display_title(self, item, limit)

    def element_json(self, item: str) -> Data:
        if self._conn is not None:
            self._fill(item)
        return PortfolioGraph.element_json(self, item)

    def record(self, item: str) -> Record:
        if self._conn is not None:
            self._fill(item)
        return PortfolioGraph.record(self, item)

    def specialty_of(self, item: str) -> str | None:
        if self._conn is not None:
            self._fill(item)
        return PortfolioGraph.specialty_of(self, item)

    def ambitions_of(self, specialty: str) -> list[str]:
        if self._conn is not None:
            self._fill(specialty)
        return PortfolioGraph.ambitions_of(self, specialty)

    def strength_positions_of(self, specialty: str) -> list[str]:
        if self._conn is not None:
            self._fill(specialty)
        return PortfolioGraph.strength_positions_of(self, specialty)

    def focus_areas_of(self, ambition: str) -> list[str]:
        if self._conn is not None:
            self._fill(ambition)
        return PortfolioGraph.focus_areas_of(self, ambition)

    def focus_area_key(self, item: str) -> tuple[int, int, str]:
        if self._conn is not None:
            self._fill(item)
        return PortfolioGraph.focus_area_key(self, item)

    def challenges_of(self, ambition: str) -> list[str]:
        if self._conn is not None:
            self._fill(ambition)
        return PortfolioGraph.challenges_of(self, ambition)

    def prerequisites_of(self, ambition: str) -> list[str]:
        if self._conn is not None:
            self._fill(ambition)
        return PortfolioGraph.prerequisites_of(self, ambition)

    def initiatives_serving(self, focus_area: str) -> list[str]:
        if self._conn is not None:
            self._fill(focus_area)
        return PortfolioGraph.initiatives_serving(self, focus_area)

    def focus_areas_served(self, initiative: str) -> list[str]:
        if self._conn is not None:
            self._fill(initiative)
        return PortfolioGraph.focus_areas_served(self, initiative)

    def indicators_of(self, focus_area: str) -> list[str]:
        if self._conn is not None:
            self._fill(focus_area)
        return PortfolioGraph.indicators_of(self, focus_area)

    def enablers_of(self, focus_area: str) -> list[str]:
        if self._conn is not None:
            self._fill(focus_area)
        return PortfolioGraph.enablers_of(self, focus_area)

    # -- questions about the whole graph, and changes: the whole graph is loaded first ----
    def __len__(self) -> int:
        self.materialize()
        return PortfolioGraph.__len__(self)

    def number_of_edges(self) -> int:
        self.materialize()
        return PortfolioGraph.number_of_edges(self)

    def ids(self, kind: str) -> list[str]:
        self.materialize()
        return PortfolioGraph.ids(self, kind)

    def count(self, kind: str) -> int:
        self.materialize()
        return PortfolioGraph.count(self, kind)

    def records(self, kind: str | None = None) -> Iterator[Record]:
        self.materialize()
        return PortfolioGraph.records(self, kind)

    def refresh(self, store: Store) -> bool:
        self.materialize()
        return PortfolioGraph.refresh(self, store)

    def apply(self, upserts: Iterable[Record], deletes: Iterable[str] = ()) -> None:
        self.materialize()
        return PortfolioGraph.apply(self, upserts, deletes)

    def remove(self, item: str) -> None:
        self.materialize()
        return PortfolioGraph.remove(self, item)

    def to_networkx(self) -> nx.MultiDiGraph:
        self.materialize()
        return PortfolioGraph.to_networkx(self)

    def __getstate__(self) -> dict[str, Any]:
        self.materialize()
        return PortfolioGraph.__getstate__(self)


def _json_encoder() -> Callable[[Any], str]:
    import json

    return json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
