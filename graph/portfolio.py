"""The in-memory portfolio graph: every element a node, every reference a typed edge (networkx).

Queries read only this graph, so one implementation serves every store. ``PortfolioGraph.from_store``
builds it; ``refresh`` keeps it current by applying what changed after its revision.
"""
from __future__ import annotations

import copy
import threading
from collections.abc import Iterable, Iterator

import networkx as nx

from graph.bulk import paused_gc
from graph.changeset import Record
from graph.schema import REFERENCES, ROLE_RELATION
from graph.vocabulary import THEMES

THEME_PREFIX = "theme:"
#: (field, relation, many, reverse) of every reference, per kind (graph.schema.REFERENCES, flattened).
_REFERENCE_TABLE: dict[str, tuple[tuple[str, str, bool, bool], ...]] = {
    kind: tuple((ref.field, ref.relation, ref.many, ref.reverse) for ref in refs) for kind, refs in REFERENCES.items()
}


def theme_node(key: str) -> str:
    """The node id of a theme (themes are nodes too, so that shared themes are paths)."""
    return THEME_PREFIX + key


def add_plain_nodes(g: nx.MultiDiGraph, nodes: Iterable[tuple[str, dict]]) -> None:
    """Add new ``(node, attributes)`` pairs to ``g``, as ``add_nodes_from`` would, for nodes not yet in it.

    Writes networkx's documented node and adjacency dicts directly (``add_node`` per node costs
    three times as much on 100,000 nodes). The attribute dict is taken over, not copied.

    >>> g = nx.MultiDiGraph()
    >>> add_plain_nodes(g, [("a", {"kind": "site"})])
    >>> g.nodes["a"], list(g.successors("a"))
    ({'kind': 'site'}, [])
    """
    node, succ, pred = g._node, g._succ, g._pred
    for n, attrs in nodes:
        if n in succ:
            g.add_node(n, **attrs)
            continue
        succ[n] = g.adjlist_inner_dict_factory()
        pred[n] = g.adjlist_inner_dict_factory()
        node[n] = attrs
    nx._clear_cache(g)


def add_plain_edges(g: nx.MultiDiGraph, edges: Iterable[tuple[str, str, str]]) -> None:
    """Add ``(source, target, key)`` edges without attributes to ``g``, as ``add_edges_from`` would.

    Builds the structure networkx documents for a MultiDiGraph (``g._succ[u][v][key]`` is the
    edge's attribute dict; ``g._pred[v][u]`` is the same key dict) directly: on 300,000 edges that
    takes a third of ``add_edges_from``'s time, which spends most of it on per-edge checks. An
    endpoint that is not yet a node goes through ``add_edge``.

    >>> g = nx.MultiDiGraph([("a", "b", "X")])
    >>> add_plain_edges(g, [("a", "b", "Y"), ("b", "c", "Z")])
    >>> sorted(g.edges(keys=True))
    [('a', 'b', 'X'), ('a', 'b', 'Y'), ('b', 'c', 'Z')]
    """
    succ, pred = g._succ, g._pred
    for u, v, key in edges:
        out = succ.get(u)
        if out is None or v not in pred:
            g.add_edge(u, v, key=key)
            continue
        keydict = out.get(v)
        if keydict is None:
            keydict = out[v] = pred[v][u] = g.edge_key_dict_factory()
        if key not in keydict:
            keydict[key] = g.edge_attr_dict_factory()
    nx._clear_cache(g)


class PortfolioGraph:
    """A portfolio as a networkx MultiDiGraph.

    Nodes are element ids with attributes ``kind``, ``data`` (the file-format fields),
    ``programme`` and ``version``; theme nodes are ``theme:<key>``. Edge keys are relation names
    (``SERVES``, ``PART_OF``, ``SPECIALTY_OWNER`` ...), pointing the way DESIGN.md section 2 says.

    >>> from graph.changeset import Record
    >>> pg = PortfolioGraph([Record("specialty", "geri", {"id": "geri", "name": "Geriatri"})])
    >>> pg.data("geri")["name"]
    'Geriatri'
    """

    def __init__(self, records: Iterable[Record] = (), revision: int = 0):
        self.g = nx.MultiDiGraph()
        self.revision = revision
        self._by_kind: dict[str, dict[str, None]] = {}
        self._lock = threading.RLock()
        self._roles: dict[str, Record] = {}
        for key, (_, _da, _en) in THEMES.items():
            self.g.add_node(theme_node(key), kind="theme", data={"id": key}, programme=None, version=0)
        with paused_gc(freeze=True):
            records = list(records)
            nodes: list[tuple[str, dict]] = []
            for rec in records:
                if rec.kind == "role" or rec.id in self.g:
                    self._add_node(rec)
                    continue
                nodes.append((rec.id, {"kind": rec.kind, "data": rec.data, "programme": rec.programme, "version": rec.version}))
                self._by_kind.setdefault(rec.kind, {})[rec.id] = None
            add_plain_nodes(self.g, nodes)
            bulk: list[tuple[str, str, str]] = []
            for rec in records:
                if rec.kind == "role":
                    self._add_edges(rec)
                    continue
                for u, v, rel in self._edges_of(rec):
                    if rel != "IN" or v in self.g:
                        bulk.append((u, v, rel))
            add_plain_edges(self.g, bulk)

    # -- building -------------------------------------------------------------------------

    @classmethod
    def from_store(cls, store) -> PortfolioGraph:
        """Build the graph from everything a store holds."""
        snap = store.load()
        return cls(snap.records, snap.revision)

    def refresh(self, store) -> bool:
        """Bring the graph up to the store's revision; return True if anything changed."""
        if store.revision() == self.revision:
            return False
        with self._lock:
            delta = store.changes_since(self.revision)
            if delta.revision == self.revision:
                return False
            with paused_gc():
                self.apply(delta.upserts, delta.deletes)
            self.revision = delta.revision
            return True

    def apply(self, upserts: Iterable[Record], deletes: Iterable[str] = ()) -> None:
        """Apply written records and deleted ids (already validated by a store)."""
        upserts = list(upserts)
        for item in deletes:
            self.remove(item)
        for rec in upserts:
            if rec.id in self:
                self._drop_edges(self.record(rec.id))
            self._add_node(rec)
        for rec in upserts:
            self._add_edges(rec)

    def _add_node(self, rec: Record) -> None:
        if rec.kind == "role":
            self._by_kind.setdefault("role", {})[rec.id] = None
            self._roles[rec.id] = rec
            return
        self.g.add_node(rec.id, kind=rec.kind, data=rec.data, programme=rec.programme, version=rec.version)
        self._by_kind.setdefault(rec.kind, {})[rec.id] = None

    def _edges_of(self, rec: Record) -> list[tuple[str, str, str]]:
        """The edges (source, target, relation) that a record's own references make."""
        data, item = rec.data, rec.id
        if rec.kind == "role":
            target = data.get("specialty") or data.get("strength_position") or data.get("programme")
            return [(data["person"], target, ROLE_RELATION[data["role"]])]
        edges: list[tuple[str, str, str]] = []
        if rec.kind == "specialty" and rec.programme:
            edges.append((item, rec.programme, "IN"))
        # A list built from the precomputed reference table: this runs 100,000 times per build.
        for field, relation, many, reverse in _REFERENCE_TABLE[rec.kind]:
            value = data.get(field)
            if value is None:
                continue
            for target in value if many else (value,):
                edges.append((target, item, relation) if reverse else (item, target, relation))
        for theme in data.get("themes", ()):
            edges.append((item, THEME_PREFIX + theme, "TAGGED"))
        return edges

    def _add_edges(self, rec: Record) -> None:
        for u, v, rel in self._edges_of(rec):
            if rel == "IN" and v not in self.g:
                continue  # the programme comes later; it adds the edge itself
            if rec.kind == "role":
                self.g.add_edge(u, v, key=rel, role_id=rec.id, note=rec.data.get("note"))
            else:
                self.g.add_edge(u, v, key=rel)
        if rec.kind == "programme":
            for sid in self._by_kind.get("specialty", {}):
                if self.g.nodes[sid].get("programme") == rec.id:
                    self.g.add_edge(sid, rec.id, key="IN")

    def _drop_edges(self, rec: Record) -> None:
        for u, v, rel in self._edges_of(rec):
            if self.g.has_edge(u, v, rel):
                self.g.remove_edge(u, v, rel)

    def remove(self, item: str) -> None:
        """Drop an element and the edges of its own references."""
        if item not in self:
            return
        rec = self.record(item)
        self._drop_edges(rec)
        self._by_kind.get(rec.kind, {}).pop(item, None)
        if rec.kind == "role":
            del self._roles[item]
        else:
            self.g.remove_node(item)

    # -- reading --------------------------------------------------------------------------

    def __contains__(self, item: str) -> bool:
        return item in self.g or item in self._roles

    def kind(self, item: str) -> str | None:
        """The kind of an element, or None if the graph has no such element."""
        if item in self._roles:
            return "role"
        node = self.g.nodes.get(item)
        return node["kind"] if node else None

    def data(self, item: str) -> dict:
        """The file-format fields of an element."""
        if item in self._roles:
            return self._roles[item].data
        return self.g.nodes[item]["data"]

    def version(self, item: str) -> int:
        if item in self._roles:
            return self._roles[item].version
        return self.g.nodes[item]["version"]

    def programme_of(self, item: str) -> str | None:
        if item in self._roles:
            return self._roles[item].programme
        return self.g.nodes[item].get("programme")

    def ids(self, kind: str) -> list[str]:
        """Every id of one kind, in insertion order."""
        return list(self._by_kind.get(kind, {}))

    def count(self, kind: str) -> int:
        return len(self._by_kind.get(kind, {}))

    def out(self, item: str, relation: str) -> list[str]:
        """Targets of ``item``'s outgoing edges of one relation."""
        if item not in self.g:
            return []
        return [v for _, v, k in self.g.out_edges(item, keys=True) if k == relation]

    def into(self, item: str, relation: str) -> list[str]:
        """Sources of the edges of one relation that point at ``item``."""
        if item not in self.g:
            return []
        return [u for u, _, k in self.g.in_edges(item, keys=True) if k == relation]

    def role_holders(self, target: str, role: str) -> list[str]:
        """People who hold ``role`` (``"specialty_owner"`` ...) towards ``target``."""
        return self.into(target, ROLE_RELATION[role])

    def roles_of(self, person: str) -> list[dict]:
        """A person's roles as file-format role items."""
        return [self._roles[r].data for r in self._roles_by_person(person)]

    def _roles_by_person(self, person: str) -> Iterator[str]:
        if person not in self.g:
            return iter(())
        return (d["role_id"] for _, _, d in self.g.out_edges(person, data=True) if "role_id" in d)

    def links_out(self, item: str) -> list[tuple[str, str]]:
        """Every ``(target, relation)`` of ``item``'s outgoing edges (roles included).

        >>> pg = PortfolioGraph()
        >>> pg.links_out("nothing")
        []
        """
        if item not in self.g:
            return []
        return [(v, k) for _, v, k in self.g.out_edges(item, keys=True)]

    def links_in(self, item: str) -> list[tuple[str, str]]:
        """Every ``(source, relation)`` of the edges that point at ``item`` (roles included)."""
        if item not in self.g:
            return []
        return [(u, k) for u, _, k in self.g.in_edges(item, keys=True)]

    def display_title(self, item: str, limit: int = 80) -> str:
        """What a person reads as an element's name, cut to ``limit`` characters; the id if it has none.

        A person's ``title`` is their job title, so people are named by ``name``; every other kind
        by the first of ``title``, ``name``, ``statement``, ``text`` that is given.

        >>> from graph.changeset import Record
        >>> pg = PortfolioGraph([Record("person", "p1", {"id": "p1", "name": "Eva", "title": "Overlæge"})])
        >>> pg.display_title("p1"), pg.display_title("unknown")
        ('Eva', 'unknown')
        """
        if item not in self:
            return item
        data = self.data(item)
        keys = ("name",) if self.kind(item) == "person" else ("title", "name", "statement", "text")
        for key in keys:
            value = data.get(key)
            if value:
                text = str(value)
                return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
        return item

    def element_json(self, item: str) -> dict:
        """A copy of an element's file-format fields, carrying its ``id``: the one JSON shape of an element."""
        data = copy.deepcopy(self.data(item))
        data.setdefault("id", item)
        return data

    def record(self, item: str) -> Record:
        """The element as a store record."""
        if item in self._roles:
            return self._roles[item]
        n = self.g.nodes[item]
        return Record(n["kind"], item, n["data"], n.get("programme"), n.get("version", 0))

    def records(self, kind: str | None = None) -> Iterator[Record]:
        """Every element (or every element of one kind) as store records."""
        kinds = [kind] if kind else list(self._by_kind)
        for k in kinds:
            for item in self._by_kind.get(k, {}):
                yield self.record(item)

    # -- common walks ---------------------------------------------------------------------

    def specialty_of(self, item: str) -> str | None:
        """The specialty an element belongs to, walking up through its ambition or focus area."""
        kind = self.kind(item)
        if kind is None:
            return None
        data = self.data(item)
        if kind == "specialty":
            return item
        if kind in ("ambition", "strength_position", "situation"):
            return data.get("specialty")
        if kind in ("challenge", "prerequisite", "focus_area"):
            amb = data.get("ambition")
            return self.data(amb).get("specialty") if amb in self.g else None
        if kind == "indicator":
            return self.specialty_of(data["focus_area"])
        if kind == "initiative":
            for fa in data.get("focus_areas", ()):
                return self.specialty_of(fa)
            sp = data.get("strength_position")
            return self.data(sp).get("specialty") if sp else None
        if kind == "role":
            return data.get("specialty") or (self.specialty_of(data["strength_position"]) if data.get("strength_position") else None)
        return None

    def ambitions_of(self, specialty: str) -> list[str]:
        """Strategic ambitions of a specialty (usually one)."""
        return [a for a in self.into(specialty, "OF") if self.kind(a) == "ambition"]

    def strength_positions_of(self, specialty: str) -> list[str]:
        return [s for s in self.into(specialty, "OF") if self.kind(s) == "strength_position"]

    def focus_areas_of(self, ambition: str) -> list[str]:
        """Focus areas of an ambition, sorted by sequence (now, next, later) and order."""
        rank = {"now": 0, "next": 1, "later": 2}
        fas = self.into(ambition, "PART_OF")
        return sorted(fas, key=lambda f: (rank.get(self.data(f).get("sequence"), 3), self.data(f).get("order") or 0, f))
