"""The in-memory portfolio graph: every element a node, every reference a typed edge.

Queries read only this graph, so one implementation serves every store. ``PortfolioGraph.from_store``
builds it; ``refresh`` keeps it current by applying what changed after its revision.

The graph is held as per-relation forward and reverse indexes (relation -> node -> neighbours),
built once and kept current by ``apply`` and ``remove``: every walk is a dictionary look-up and
never an edge scan. ``to_networkx`` (and ``g``) gives a networkx copy for graph algorithms and
pictures; this module is the only one that knows how networkx is built.
"""
from __future__ import annotations

import copy
import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from graph.bulk import paused_gc
from graph.record import Data, Record
from graph.relations import Relation
from graph.schema import REFERENCES, ROLE_RELATION
from graph.vocabulary import THEMES

if TYPE_CHECKING:  # networkx is imported only when a networkx copy is asked for
    import networkx as nx

    from graph.store.base import Store

THEME_PREFIX = "theme:"
#: (field, relation, many, reverse) of every reference, per kind (graph.schema.REFERENCES, flattened).
_REFERENCE_TABLE: dict[str, tuple[tuple[str, str, bool, bool], ...]] = {
    kind: tuple((ref.field, str(ref.relation), ref.many, ref.reverse) for ref in refs) for kind, refs in REFERENCES.items()
}
_SEQUENCE_RANK = {"now": 0, "next": 1, "later": 2}
#: Stored fields are canonical JSON with no surrounding white space: raw_decode skips json.loads' checks.
_decode = json.JSONDecoder().raw_decode
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
#: The field names of decoded elements, one string each, shared by all (benchmarks/MEMORY.md: 93 MB at 200k).
_KEYS: dict[str, str] = {}
#: Index: relation -> node -> neighbours, in the order the edges were made.
Index = dict[str, dict[str, list[str]]]
Edge = tuple[str, str, str]


def theme_node(key: str) -> str:
    """The node id of a theme (themes are nodes too, so that shared themes are paths).

    >>> theme_node("wellbeing")
    'theme:wellbeing'
    """
    return THEME_PREFIX + key


def _role_target(data: Data) -> str:
    target: str = data.get("specialty") or data.get("strength_position") or data["programme"]
    return target


class PortfolioGraph:
    """A portfolio as a typed, directed multigraph.

    Nodes are element ids (theme nodes are ``theme:<key>``); each has the fields of its store
    record (kind, file-format fields, programme, version). Edges are named by relation (``SERVES``,
    ``PART_OF``, ``SPECIALTY_OWNER`` ...) and point the way DESIGN.md section 2 says. Roles are
    records too, but not nodes: each is an edge from the person to the role's target.

    >>> pg = PortfolioGraph([
    ...     Record("specialty", "geri", {"id": "geri", "name": "Geriatri"}),
    ...     Record("ambition", "geri-amb", {"id": "geri-amb", "specialty": "geri", "statement": "Stærk geriatri"}),
    ...     Record("person", "eva", {"id": "eva", "name": "Eva Holm", "title": "Overlæge"}),
    ...     Record("role", "r1", {"person": "eva", "role": "specialty_owner", "specialty": "geri"}),
    ... ], revision=3)
    >>> pg.data("geri")["name"], pg.revision
    ('Geriatri', 3)
    >>> pg.into("geri", "OF"), pg.out("geri-amb", "OF")
    (['geri-amb'], ['geri'])
    >>> pg.role_holders("geri", "specialty_owner"), pg.roles_of("eva")[0]["role"]
    (['eva'], 'specialty_owner')
    """

    def __init__(self, records: Iterable[Record] = (), revision: int = 0):
        self._init_tables(revision)
        with paused_gc(freeze=True):
            for key in THEMES:
                self._set_node(Record("theme", theme_node(key), {"id": key}))
            records = list(records)
            for rec in records:
                self._add_record(rec)
            for rec in records:
                self._add_edges(rec)

    def _init_tables(self, revision: int) -> None:
        self.revision = revision
        # The node table, one dict per field: kind, file-format fields, programme, version. A
        # graph loaded from the prepared read model keeps an element's fields in ``_raw`` as JSON
        # text until they are first read (see ``data``).
        self._kind: dict[str, str] = {}
        self._data: dict[str, Data] = {}
        self._raw: dict[str, str] = {}
        self._programme: dict[str, str | None] = {}
        self._version: dict[str, int] = {}
        self._by_kind: dict[str, dict[str, None]] = {}
        self._out: Index = {}
        self._in: Index = {}
        self._person_roles: dict[str, list[str]] = {}
        self._target_roles: dict[str, list[str]] = {}
        self._lock = threading.RLock()
        self._nx: nx.MultiDiGraph | None = None
        #: While ``apply`` or ``remove`` runs: the index entries it changes, as copies (see ``_writing``).
        self._staged: dict[tuple[int, str], tuple[dict[str, list[str]], str, list[str]]] | None = None

    # -- building -------------------------------------------------------------------------

    @classmethod
    def from_store(cls, store: Store) -> PortfolioGraph:
        """Build the graph from everything a store holds."""
        snap = store.load()
        return cls(snap.records, snap.revision)

    def refresh(self, store: Store) -> bool:
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
        """Apply written records and deleted ids (already validated by a store).

        An updated element keeps the edges other elements make to it; its own are made anew.
        """
        upserts = list(upserts)
        with self._lock, self._writing():
            self._nx = None
            for item in deletes:
                self.remove(item)
            for rec in upserts:
                if rec.id in self._kind:
                    self._drop_edges(self.record(rec.id))
                self._add_record(rec)
            for rec in upserts:
                self._add_edges(rec)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Copy-on-write of the index entries a write changes, installed when it ends.

        Readers take no lock: they must never see an entry half-changed (an initiative's focus
        areas dropped and not yet made anew). A write changes copies of the lists it touches and
        puts each in its place in one dictionary assignment at the end, so a reader sees every
        entry either as it was or as it is after the write. Nested writes share the copies.
        """
        if self._staged is not None:
            yield
            return
        self._staged = {}
        try:
            yield
        finally:
            staged, self._staged = self._staged, None
            for index, key, values in staged.values():
                if values:
                    index[key] = values
                else:
                    index.pop(key, None)

    def _entry(self, index: dict[str, list[str]], key: str) -> list[str] | None:
        """An index entry as the running write has made it so far (as stored when none runs)."""
        staged = self._staged
        if staged is not None:
            found = staged.get((id(index), key))
            if found is not None:
                return found[2]
        return index.get(key)

    def _writable(self, index: dict[str, list[str]], key: str) -> list[str]:
        """The list of an index entry to change: the running write's copy (in place while building)."""
        staged = self._staged
        if staged is None:
            return index.setdefault(key, [])
        slot = (id(index), key)
        found = staged.get(slot)
        if found is None:
            found = staged[slot] = (index, key, list(index.get(key, ())))
        return found[2]

    def remove(self, item: str) -> None:
        """Drop an element, the edges of its own references and every edge that points at it."""
        with self._lock, self._writing():
            if item not in self._kind:
                return
            rec = self.record(item)
            self._nx = None
            self._drop_edges(rec)
            for column in (self._kind, self._programme, self._version):
                del column[item]
            self._data.pop(item, None)
            self._raw.pop(item, None)
            self._by_kind.get(rec.kind, {}).pop(item, None)
            if rec.kind == "role":
                return
            for relation, index in tuple(self._out.items()):
                for target in self._take(index, item):
                    self._discard(self._in[relation], target, item)
            for relation, index in tuple(self._in.items()):
                for source in self._take(index, item):
                    self._discard(self._out[relation], source, item)

    def _take(self, index: dict[str, list[str]], key: str) -> list[str]:
        """Empty an index entry; return what it held."""
        if self._entry(index, key) is None:
            return []
        values = self._writable(index, key)
        held = list(values)
        values.clear()
        return held

    def _set_node(self, rec: Record) -> None:
        self._kind[rec.id] = rec.kind
        self._data[rec.id] = rec.data
        if self._raw:
            self._raw.pop(rec.id, None)
        self._programme[rec.id] = rec.programme
        self._version[rec.id] = rec.version

    def _add_record(self, rec: Record) -> None:
        self._set_node(rec)
        self._by_kind.setdefault(rec.kind, {})[rec.id] = None
        if rec.kind == "role":
            for index, key in ((self._person_roles, rec.data["person"]), (self._target_roles, _role_target(rec.data))):
                held = self._writable(index, key)
                if rec.id not in held:
                    held.append(rec.id)

    def _edges_of(self, rec: Record) -> list[Edge]:
        """The edges (source, target, relation) that a record's own references make."""
        data, item = rec.data, rec.id
        if rec.kind == "role":
            return [(data["person"], _role_target(data), str(ROLE_RELATION[data["role"]]))]
        edges: list[Edge] = []
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
        nodes, out_index, in_index, writable = self._kind, self._out, self._in, self._writable
        for u, v, rel in self._edges_of(rec):
            if rel == "IN" and v not in nodes:
                continue  # the programme comes later; it adds the edge itself
            targets = writable(out_index.setdefault(rel, {}), u)
            if v in targets:  # the same reference twice makes one edge
                continue
            targets.append(v)
            writable(in_index.setdefault(rel, {}), v).append(u)
        if rec.kind == "programme":
            for sid in self._by_kind.get("specialty", {}):
                if self._programme[sid] == rec.id:
                    self._link(sid, rec.id, "IN")

    def _link(self, u: str, v: str, rel: str) -> None:
        targets = self._writable(self._out.setdefault(rel, {}), u)
        if v not in targets:
            targets.append(v)
            self._writable(self._in.setdefault(rel, {}), v).append(u)

    def _drop_edges(self, rec: Record) -> None:
        edges = self._edges_of(rec)
        if rec.kind == "role":
            self._discard(self._target_roles, _role_target(rec.data), rec.id)
            self._discard(self._person_roles, rec.data["person"], rec.id)
            others = self._entry(self._person_roles, rec.data["person"]) or []
            # Two role records may say the same thing; the edge stays while one of them does.
            kept = {e for r in others for e in self._edges_of(self.record(r))}
            edges = [e for e in edges if e not in kept]
        for u, v, rel in edges:
            if rel in self._out:
                self._discard(self._out[rel], u, v)
                self._discard(self._in[rel], v, u)

    def _discard(self, index: dict[str, list[str]], node: str, neighbour: str) -> None:
        found = self._entry(index, node)
        if found is not None and neighbour in found:
            if self._staged is None:
                found.remove(neighbour)
                if not found:
                    del index[node]
            else:  # emptied entries go when the write ends
                self._writable(index, node).remove(neighbour)

    # -- reading --------------------------------------------------------------------------

    def __contains__(self, item: object) -> bool:
        return item in self._kind

    def __len__(self) -> int:
        """The number of nodes (elements and themes; roles are edges, not nodes)."""
        return len(self._kind) - len(self._by_kind.get("role", ()))

    def number_of_edges(self) -> int:
        """The number of edges (a role's edge counted once, however many role records say it)."""
        return sum(len(targets) for index in self._out.values() for targets in index.values())

    def kind(self, item: str) -> str | None:
        """The kind of an element (``"theme"`` for a theme node), or None if there is no such element."""
        return self._kind.get(item)

    def data(self, item: str) -> Data:
        """The file-format fields of an element."""
        value = self._data.get(item)
        if value is not None:
            return value
        text = self._raw.get(item)
        if text is None:
            return self._data[item]  # decoded meanwhile by another thread, or KeyError: no such element
        # Loaded from the read model: decoded once, on first read, its keys shared with every other
        # element's (a dict of its own per element would hold its own copy of "id", "title" ...).
        keys = _KEYS
        decoded: Data = {keys.setdefault(k, k): v for k, v in _decode(text)[0].items()}
        self._data[item] = decoded
        self._raw.pop(item, None)
        return decoded

    def version(self, item: str) -> int:
        return self._version[item]

    def programme_of(self, item: str) -> str | None:
        return self._programme[item]

    def ids(self, kind: str) -> list[str]:
        """Every id of one kind, in insertion order."""
        return list(self._by_kind.get(kind, {}))

    def count(self, kind: str) -> int:
        return len(self._by_kind.get(kind, {}))

    def out(self, item: str, relation: str) -> list[str]:
        """Targets of ``item``'s outgoing edges of one relation, in the order they were made."""
        return list(self._out.get(relation, {}).get(item, ()))

    def has_out(self, item: str, relation: str) -> bool:
        """Whether ``item`` has an outgoing edge of one relation (without listing them)."""
        return item in self._out.get(relation, {})

    def into(self, item: str, relation: str) -> list[str]:
        """Sources of the edges of one relation that point at ``item``, in the order they were made."""
        return list(self._in.get(relation, {}).get(item, ()))

    def role_holders(self, target: str, role: str) -> list[str]:
        """People who hold ``role`` (``"specialty_owner"`` ...) towards ``target``."""
        return self.into(target, ROLE_RELATION[role])

    def roles_of(self, person: str) -> list[Data]:
        """A person's roles as file-format role items."""
        return [self.data(r) for r in self._person_roles.get(person, ())]

    def roles_towards(self, target: str) -> list[Data]:
        """The roles people hold towards ``target`` (a specialty, strength position or programme), in the order written.

        >>> pg = PortfolioGraph([
        ...     Record("specialty", "geri", {"id": "geri", "name": "Geriatri"}),
        ...     Record("role", "r1", {"person": "eva", "role": "core_team", "specialty": "geri"}),
        ... ])
        >>> [(r["person"], r["role"]) for r in pg.roles_towards("geri")]
        [('eva', 'core_team')]
        """
        return [self.data(r) for r in self._target_roles.get(target, ())]

    def links_out(self, item: str) -> list[tuple[str, str]]:
        """Every ``(target, relation)`` of ``item``'s outgoing edges (roles included), by relation.

        >>> pg = PortfolioGraph([Record("site", "holb", {"id": "holb", "name": "Holbæk"})])
        >>> pg.links_out("nothing")
        []
        """
        # tuple(): a write in another thread may add a relation while this one reads.
        return [(v, rel) for rel, index in tuple(self._out.items()) for v in index.get(item, ())]

    def links_in(self, item: str) -> list[tuple[str, str]]:
        """Every ``(source, relation)`` of the edges that point at ``item`` (roles included), by relation."""
        return [(u, rel) for rel, index in tuple(self._in.items()) for u in index.get(item, ())]

    def display_title(self, item: str, limit: int = 80) -> str:
        """What a person reads as an element's name, cut to ``limit`` characters; the id if it has none.

        A person's ``title`` is their job title, so people are named by ``name``; every other kind
        by the first of ``title``, ``name``, ``statement``, ``text`` that is given.

        >>> pg = PortfolioGraph([Record("person", "p1", {"id": "p1", "name": "Eva", "title": "Overlæge"})])
        >>> pg.display_title("p1"), pg.display_title("unknown"), pg.display_title("p1", limit=2)
        ('Eva', 'unknown', 'E…')
        """
        kind = self._kind.get(item)
        if kind is None:
            return item
        data = self.data(item)
        keys = ("name",) if kind == "person" else ("title", "name", "statement", "text")
        for key in keys:
            value = data.get(key)
            if value:
                text = str(value)
                return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
        return item

    def element_json(self, item: str) -> Data:
        """A copy of an element's file-format fields, carrying its ``id``: the one JSON shape of an element."""
        data = copy.deepcopy(self.data(item))
        data.setdefault("id", item)
        return data

    def record(self, item: str) -> Record:
        """The element as a store record."""
        return Record(self._kind[item], item, self.data(item), self._programme[item], self._version[item])

    def records(self, kind: str | None = None) -> Iterator[Record]:
        """Every element (or every element of one kind) as store records."""
        kinds = [kind] if kind else list(self._by_kind)
        for k in kinds:
            for item in self._by_kind.get(k, {}):
                yield self.record(item)

    # -- common walks ---------------------------------------------------------------------

    def specialty_of(self, item: str) -> str | None:
        """The specialty an element belongs to, walking up through its ambition or focus area.

        An initiative belongs to the specialty of its first focus area, else to that of its
        strength position; a role to its specialty or its strength position's.
        """
        kind = self._kind.get(item)
        if kind is None:
            return None
        data = self.data(item)
        if kind == "specialty":
            return item
        if kind in ("ambition", "strength_position", "situation"):
            return data.get("specialty")
        if kind in ("challenge", "prerequisite", "focus_area"):
            amb = data.get("ambition")
            return self.data(amb).get("specialty") if isinstance(amb, str) and amb in self else None
        if kind == "indicator":
            return self.specialty_of(data["focus_area"])
        if kind == "initiative":
            for fa in data.get("focus_areas", ()):
                return self.specialty_of(fa)
            sp = data.get("strength_position")
            return self.specialty_of(sp) if sp else None
        if kind == "role":
            sp = data.get("strength_position")
            return data.get("specialty") or (self.specialty_of(sp) if sp else None)
        if kind == "professional_ambition":
            return self.specialty_of(data["ambition"]) if data.get("ambition") in self else None
        if kind == "position_part":
            return self.specialty_of(data["strength_position"]) if data.get("strength_position") in self else None
        if kind in ("check_in", "signal"):
            subject = data.get("subject")
            return self.specialty_of(subject) if isinstance(subject, str) and subject in self else None
        return None

    def ambitions_of(self, specialty: str) -> list[str]:
        """Strategic ambitions of a specialty (usually one)."""
        return [a for a in self.into(specialty, Relation.OF) if self.kind(a) == "ambition"]

    def strength_positions_of(self, specialty: str) -> list[str]:
        return [s for s in self.into(specialty, Relation.OF) if self.kind(s) == "strength_position"]

    def challenges_of(self, ambition: str) -> list[str]:
        """Core challenges of an ambition, in the order written (BELONGS_TO holds prerequisites too).

        >>> from graph.examples import example_graph
        >>> example_graph().challenges_of("geri-amb")
        ['geri-ch1']
        """
        return [c for c in self.into(ambition, Relation.BELONGS_TO) if self.kind(c) == "challenge"]

    def prerequisites_of(self, ambition: str) -> list[str]:
        """Prerequisites of an ambition, in the order written.

        >>> from graph.examples import example_graph
        >>> example_graph().prerequisites_of("geri-amb")
        ['geri-pre1']
        """
        return [p for p in self.into(ambition, Relation.BELONGS_TO) if self.kind(p) == "prerequisite"]

    def initiatives_serving(self, focus_area: str) -> list[str]:
        """Initiatives that serve a focus area, in the order written.

        >>> from graph.examples import example_graph
        >>> example_graph().initiatives_serving("geri-fa1")
        ['geri-i1']
        """
        return self.into(focus_area, Relation.SERVES)

    def focus_areas_served(self, initiative: str) -> list[str]:
        """Focus areas an initiative serves, in the order its item lists them."""
        return self.out(initiative, Relation.SERVES)

    def indicators_of(self, focus_area: str) -> list[str]:
        """Indicators that measure a focus area, in the order written."""
        return self.out(focus_area, Relation.MEASURED_BY)

    def enablers_of(self, focus_area: str) -> list[str]:
        """Prerequisites that enable a focus area, in the order written."""
        return self.into(focus_area, Relation.ENABLES)

    def focus_areas_of(self, ambition: str) -> list[str]:
        """Focus areas of an ambition, sorted by sequence (now, next, later) and order."""
        return sorted(self.into(ambition, Relation.PART_OF), key=self.focus_area_key)

    def focus_area_key(self, item: str) -> tuple[int, int, str]:
        """The sort key of a focus area: sequence (now, next, later, none), order, id."""
        data = self.data(item)
        return (_SEQUENCE_RANK.get(data.get("sequence", ""), 3), data.get("order") or 0, item)

    # -- pickling (the prepared read model, graph.readmodel) ---------------------------------

    def __getstate__(self) -> dict[str, Any]:
        """The graph's tables, with every element's fields as JSON text: text unpickles in a
        fraction of the time of 100,000 nested dicts, and ``data`` decodes an element when read."""
        encode = _ENCODER.encode
        with self._lock:
            state = {key: value for key, value in vars(self).items() if key not in ("_lock", "_nx", "_staged")}
            state["_raw"] = {**self._raw, **{k: encode(v) for k, v in self._data.items()}}
            state["_data"] = {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        vars(self).update(state)
        self._lock = threading.RLock()
        self._nx = None
        self._staged = None

    # -- networkx -------------------------------------------------------------------------

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as a networkx MultiDiGraph, built on first use and kept until the next change.

        For graph algorithms outside the tracker: networkx is not a dependency of the tracker
        itself (install ``ambition-tracker[networkx]``).

        Nodes carry ``kind``, ``data``, ``programme`` and ``version``; edge keys are relation
        names; a role's edge carries ``role_id`` and ``note``. Treat it as read-only.
        """
        with self._lock:
            if self._nx is None:
                self._nx = self._build_networkx()
            return self._nx

    @property
    def g(self) -> nx.MultiDiGraph:
        """The networkx copy (``to_networkx``); walks should use ``out``/``into``/``links_out``."""
        return self.to_networkx()

    def _build_networkx(self) -> nx.MultiDiGraph:
        import networkx as nx  # heavy (0.2 s): loaded only by what draws or runs algorithms

        g = nx.MultiDiGraph()
        g.add_nodes_from(
            (item, {"kind": kind, "data": self.data(item), "programme": self._programme[item], "version": self._version[item]})
            for item, kind in self._kind.items()
            if kind != "role"
        )
        # Edges in the order their records were written, as a networkx graph built from the store has them.
        edges: list[tuple[str, str, str, dict[str, Any]]] = []
        for item, kind in self._kind.items():
            if kind == "theme":
                continue
            rec = self.record(item)
            made = self._edges_of(rec)
            if rec.kind == "programme":
                made += [(u, rec.id, "IN") for u in self._in.get("IN", {}).get(rec.id, ())]
            for u, v, rel in made:
                if v in self._out.get(rel, {}).get(u, ()):
                    attrs = {"role_id": rec.id, "note": rec.data.get("note")} if rec.kind == "role" else {}
                    edges.append((u, v, rel, attrs))
        g.add_edges_from(edges)
        return g
