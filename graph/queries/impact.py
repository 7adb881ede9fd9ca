"""Impact analysis: everything that depends on an element, across specialties, each with its path(s).

"Which initiatives depend on the HR package?" A support offer is drawn on by prerequisites (and
initiatives); a prerequisite enables focus areas; initiatives serve focus areas. ``impact`` walks
these links downstream from one element and says, for every element it reaches, by which path(s)
it depends on it. The walk follows only the links in ``DOWNSTREAM`` (a table, so what "depends on"
means is written in one place):

==================  ===========================================================================
from                to
==================  ===========================================================================
person              initiatives and support offers they own, strength positions they lead,
                    specialties they own (a specialty is not walked further: it would be all of it)
site                strength positions at it or partnering with it, core challenges at it,
                    initiatives delivered at it
support offer       prerequisites and initiatives that draw on it
strength position   initiatives delivered at it
core challenge      focus areas that address it
prerequisite        focus areas it enables
focus area          initiatives that serve it, indicators that measure it
==================  ===========================================================================

Every link leads to a kind of a higher rank (``RANK``), so the walk is over a DAG and each element
is reached after all of its parents: the paths of an element are those of its parents, one hop
longer. An element reached by several paths is listed once with all of them (at most
``MAX_PATHS`` kept; ``path_count`` counts every one).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

from graph.portfolio import PortfolioGraph
from graph.queries.errors import NotFound, kind_noun
from graph.relations import Relation
from graph.text import BilingualError

#: The kinds one may ask the impact of.
ROOT_KINDS: tuple[str, ...] = ("support_offer", "prerequisite", "site", "strength_position", "person", "challenge", "focus_area")
#: Per kind: (relation, True when the edge leaves the element (out), False when it points at it (into), kinds reached).
DOWNSTREAM: dict[str, tuple[tuple[Relation, bool, tuple[str, ...]], ...]] = {
    "person": (
        (Relation.OWNS, True, ("support_offer", "initiative")),
        (Relation.IMPLEMENTATION_LEAD, True, ("strength_position",)),
        (Relation.SPECIALTY_OWNER, True, ("specialty",)),
    ),
    "site": (
        (Relation.AT, False, ("strength_position", "challenge")),
        (Relation.PARTNERS_WITH, False, ("strength_position",)),
        (Relation.DELIVERED_AT, False, ("initiative",)),
    ),
    "support_offer": ((Relation.DRAWS_ON, False, ("prerequisite", "initiative")),),
    "strength_position": ((Relation.DELIVERED_AT, False, ("initiative",)),),
    "challenge": ((Relation.ADDRESSES, False, ("focus_area",)),),
    "prerequisite": ((Relation.ENABLES, True, ("focus_area",)),),
    "focus_area": ((Relation.SERVES, False, ("initiative",)), (Relation.MEASURED_BY, True, ("indicator",))),
}
#: Every link of DOWNSTREAM leads to a higher rank: the walk visits an element after all its parents.
RANK: dict[str, int] = {
    "person": 0, "site": 0, "support_offer": 1, "strength_position": 2, "challenge": 2, "prerequisite": 2,
    "specialty": 2, "focus_area": 3, "initiative": 4, "indicator": 4,
}
#: Kinds in the order a specialty's dependants are listed.
KIND_ORDER: tuple[str, ...] = (
    "support_offer", "prerequisite", "challenge", "focus_area", "initiative", "indicator", "strength_position", "specialty",
)
#: Most paths kept per element (every path is still counted).
MAX_PATHS = 10

#: Relation -> ((Danish, English) as "a REL b", (Danish, English) as "b is REL-ed by a").
VERBS: dict[Relation, tuple[tuple[str, str], tuple[str, str]]] = {
    Relation.SERVES: (("tjener", "serves"), ("tjenes af", "is served by")),
    Relation.ENABLES: (("muliggør", "enables"), ("muliggøres af", "is enabled by")),
    Relation.DRAWS_ON: (("trækker på", "draws on"), ("trækkes på af", "is drawn on by")),
    Relation.ADDRESSES: (("adresserer", "addresses"), ("adresseres af", "is addressed by")),
    Relation.MEASURED_BY: (("måles af", "is measured by"), ("måler", "measures")),
    Relation.DELIVERED_AT: (("leveres på", "is delivered at"), ("lægger rammer for", "hosts")),
    Relation.AT: (("ligger på", "is at"), ("huser", "hosts")),
    Relation.PARTNERS_WITH: (("samarbejder med", "partners with"), ("samarbejder med", "partners with")),
    Relation.OWNS: (("ejer", "owns"), ("ejes af", "is owned by")),
    Relation.IMPLEMENTATION_LEAD: (("er implementeringsansvarlig for", "is implementation lead of"),
                                   ("har som implementeringsansvarlig", "has as implementation lead")),
    Relation.SPECIALTY_OWNER: (("er specialeejer for", "is specialty owner of"), ("har som specialeejer", "has as specialty owner")),
}
#: How a path names each kind before its title (Danish, English); a person is named by name alone.
PATH_WORDS: dict[str, tuple[str, str]] = {
    "initiative": ("indsats", "initiative"), "focus_area": ("indsatsområde", "focus area"),
    "prerequisite": ("forudsætning", "prerequisite"), "support_offer": ("støttetilbud", "support offer"),
    "challenge": ("kerneudfordring", "core challenge"), "site": ("matrikel", "site"),
    "strength_position": ("styrkeposition", "strength position"), "indicator": ("indikator", "indicator"),
    "specialty": ("speciale", "specialty"), "person": ("", ""),
}


class NotImpactable(BilingualError):
    """The element exists, but nothing is said to depend on its kind (an initiative, an ambition)."""

    def __init__(self, item: str, kind: str):
        self.item, self.kind = item, kind
        da_kinds = "forudsætninger, støttetilbud, matrikler, styrkepositioner, personer, kerneudfordringer og indsatsområder"
        en_kinds = "prerequisites, support offers, sites, strength positions, people, core challenges and focus areas"
        super().__init__(
            da=f"'{item}' er {kind_noun(kind, 'da')}; hvad der afhænger af et element vises for {da_kinds}",
            en=f"'{item}' is {kind_noun(kind, 'en')}; what depends on an element is shown for {en_kinds}",
        )


@dataclass(frozen=True)
class Hop:
    """One step of a path, away from the element asked about: to ``item`` by ``relation``.

    ``out`` is True when the edge points from the element before (nearer the root) to ``item``
    (a prerequisite ENABLES a focus area), False when ``item``'s own edge points back (a
    prerequisite DRAWS_ON the support offer before it).
    """

    item: str
    relation: Relation
    out: bool


Path = tuple[Hop, ...]


@dataclass(frozen=True)
class Dependant:
    """An element that depends on the root: its kind, specialty (None: programme-wide), sites and paths."""

    item: str
    kind: str
    specialty: str | None
    sites: tuple[str, ...]
    paths: tuple[Path, ...]
    path_count: int


@dataclass
class Impact:
    """What depends on ``root``: every dependant once, grouped by specialty and kind, with counts.

    ``dependants`` is in walk order (nearest first); ``groups`` maps a specialty (None for
    elements of no specialty) to kind to dependants sorted by title; ``by_specialty`` and
    ``by_site`` count dependants per specialty and per site (hospital) they are delivered at or
    placed at, largest first.
    """

    pg: PortfolioGraph = field(repr=False)
    root: str
    dependants: list[Dependant] = field(default_factory=list)

    @property
    def groups(self) -> list[tuple[str | None, list[tuple[str, list[Dependant]]]]]:
        """Dependants per specialty (by name; None last) and per kind (KIND_ORDER), each list by title."""
        pg = self.pg
        by: dict[str | None, dict[str, list[Dependant]]] = {}
        for dep in self.dependants:
            by.setdefault(dep.specialty, {}).setdefault(dep.kind, []).append(dep)
        order = sorted((s for s in by if s is not None), key=lambda s: (_title(pg, s).casefold(), s))
        if None in by:
            order.append(None)  # type: ignore[arg-type]
        return [
            (s, [(k, sorted(by[s][k], key=lambda d: (_title(pg, d.item).casefold(), d.item))) for k in KIND_ORDER if k in by[s]])
            for s in order
        ]

    @property
    def by_specialty(self) -> list[tuple[str | None, int]]:
        """``(specialty, number of dependants)``, most first, then by name; None (no specialty) counted too."""
        counts: dict[str | None, int] = {}
        for dep in self.dependants:
            counts[dep.specialty] = counts.get(dep.specialty, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] is None, _title(self.pg, kv[0] or "").casefold(), kv[0] or ""))

    @property
    def by_site(self) -> list[tuple[str, int]]:
        """``(site, number of dependants placed there)``, most first, then by name."""
        counts: dict[str, int] = {}
        for dep in self.dependants:
            for site in dep.sites:
                counts[site] = counts.get(site, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], _title(self.pg, kv[0]).casefold(), kv[0]))

    def ids(self, kind: str | None = None) -> set[str]:
        """The dependants' ids (of one kind)."""
        return {d.item for d in self.dependants if kind is None or d.kind == kind}

    def to_json(self) -> dict[str, Any]:
        """The answer as JSON-ready data: the root, counts, and the groups with every path in both languages."""
        pg = self.pg

        def named(item: str | None) -> dict[str, Any]:
            return {"id": item, "title": _title(pg, item) if item else None}

        return {
            "root": {"id": self.root, "kind": pg.kind(self.root), "title": _title(pg, self.root)},
            "total": len(self.dependants),
            "by_kind": {k: n for k in KIND_ORDER if (n := sum(1 for d in self.dependants if d.kind == k))},
            "by_specialty": [named(s) | {"count": n} for s, n in self.by_specialty],
            "by_site": [named(s) | {"count": n} for s, n in self.by_site],
            "groups": [
                named(s) | {"kinds": [{"kind": k, "items": [dependant_json(pg, self.root, d) for d in deps]} for k, deps in kinds]}
                for s, kinds in self.groups
            ],
        }


def dependant_json(pg: PortfolioGraph, root: str, dep: Dependant) -> dict[str, Any]:
    """One dependant as JSON: id, kind, title, specialty, sites, and each path as ids, relations and text."""
    return {
        "id": dep.item,
        "kind": dep.kind,
        "title": _title(pg, dep.item),
        "specialty": dep.specialty,
        "sites": list(dep.sites),
        "path_count": dep.path_count,
        "paths": [
            {
                "ids": [root, *(h.item for h in path)],
                "relations": [str(h.relation) for h in path],
                "da": path_text(pg, root, path, "da"),
                "en": path_text(pg, root, path, "en"),
            }
            for path in dep.paths
        ],
    }


def _title(pg: PortfolioGraph, item: str) -> str:
    """An element's name in full; a strength position (which has none) by its specialty and sites."""
    if pg.kind(item) == "strength_position":
        data = pg.data(item)
        spec = data.get("specialty")
        sites = ", ".join(pg.display_title(s, limit=sys.maxsize) for s in data.get("sites", ()) if s in pg)
        name = pg.display_title(spec, limit=sys.maxsize) if isinstance(spec, str) else item
        return f"{name} ({sites})" if sites else name
    return pg.display_title(item, limit=sys.maxsize)


def element_title(pg: PortfolioGraph, item: str) -> str:
    """What a dependant is called in lists, paths and exports: its full title, never its id where it has a name.

    >>> from graph.examples import example_graph
    >>> element_title(example_graph(), "geri-hs"), element_title(example_graph(), "geri-fa1")
    ('Geriatri (Holbæk Sygehus)', 'Robuste faglige miljøer')
    """
    return _title(pg, item)


def _named(pg: PortfolioGraph, item: str, lang: str) -> str:
    """``kind word + title`` as a path says it (``indsatsområde Rekruttering``; a person by name)."""
    words = PATH_WORDS.get(pg.kind(item) or "")
    word = words[0 if lang == "da" else 1] if words else ""
    return f"{word} {_title(pg, item)}".strip()


def path_text(pg: PortfolioGraph, root: str, path: Path, lang: str = "da") -> str:
    """A path as a sentence, from the dependant back to the element asked about.

    "Indsats X tjener indsatsområde Y, som forudsætning Z muliggør, som trækker på støttetilbud HR-pakken".

    >>> from graph.examples import example_graph
    >>> pg = example_graph()
    >>> found = impact(pg, "geri-pre1")
    >>> [path_text(pg, "geri-pre1", p) for p in found.dependants[1].paths]
    ['Indsats Fælles undervisning tjener indsatsområde Robuste faglige miljøer, som forudsætning Ressourcer til kompetenceudvikling muliggør']
    >>> path_text(pg, "geri-pre1", found.dependants[0].paths[0], "en")
    'Focus area Robuste faglige miljøer is enabled by prerequisite Ressourcer til kompetenceudvikling'
    """
    i = 0 if lang == "da" else 1
    nodes = [root, *(h.item for h in path)]
    # Read from the dependant (the path's end) back to the root; hop k joins nodes[k] and nodes[k+1].
    text = _named(pg, nodes[-1], lang)
    text = text[:1].upper() + text[1:]
    for k in range(len(path) - 1, -1, -1):
        hop, nearer = path[k], nodes[k]
        active, passive = VERBS[hop.relation]
        first = k == len(path) - 1
        if hop.out:  # nearer REL dependant-side: the dependant side is the object
            text += f" {passive[i]} {_named(pg, nearer, lang)}" if first else f", {'som' if i == 0 else 'which'} {_named(pg, nearer, lang)} {active[i]}"
        else:  # dependant-side REL nearer
            text += f" {active[i]} {_named(pg, nearer, lang)}" if first else f", {'som' if i == 0 else 'which'} {active[i]} {_named(pg, nearer, lang)}"
    return text


def _sites(pg: PortfolioGraph, item: str, kind: str) -> tuple[str, ...]:
    """The sites (hospitals) an element is delivered at or placed at, for the counts per hospital."""
    if kind == "initiative":
        found: list[str] = []
        for place in pg.out(item, Relation.DELIVERED_AT):
            if pg.kind(place) == "site":
                found.append(place)
            else:
                found.extend(pg.out(place, Relation.AT))
        return tuple(dict.fromkeys(found))
    if kind in ("strength_position", "challenge"):
        return tuple(pg.out(item, Relation.AT))
    return ()


def impact(pg: PortfolioGraph, item: str) -> Impact:
    """Return everything that depends on ``item`` (a kind of ROOT_KINDS), across specialties.

    Each dependant comes once, with the path(s) from ``item`` that make it depend (up to
    MAX_PATHS, shortest first, and how many there are), its specialty and the sites it is
    delivered at. ``dependants`` is in walk order: by rank of kind, then in the order reached.

    Raises NotFound for an unknown id and NotImpactable for an element of another kind.

    >>> from graph.examples import example_graph
    >>> found = impact(example_graph(), "geri-pre1")
    >>> [(d.item, d.kind, d.specialty, d.sites, d.path_count) for d in found.dependants]
    [('geri-fa1', 'focus_area', 'geri', (), 1), ('geri-i1', 'initiative', 'geri', ('holb',), 1), ('geri-ind1', 'indicator', 'geri', (), 1)]
    >>> found.by_specialty, found.by_site
    ([('geri', 3)], [('holb', 1)])
    >>> [[h.item for h in p] for p in found.dependants[1].paths]
    [['geri-fa1', 'geri-i1']]
    """
    kind = pg.kind(item)
    if kind is None or kind == "role":
        raise NotFound(item, "element")
    if kind not in ROOT_KINDS:
        raise NotImpactable(item, kind)
    paths: dict[str, list[Path]] = {item: [()]}
    counts: dict[str, int] = {item: 1}
    layers: dict[int, list[str]] = {RANK[kind]: [item]}
    order: list[str] = []
    rank = RANK[kind]
    top = max(RANK.values())
    while rank <= top:
        for node in layers.get(rank, ()):
            if node != item:
                order.append(node)
            _step(pg, node, item, paths, counts, layers)
        rank += 1
    result = Impact(pg, item)
    for node in order:
        node_kind = pg.kind(node) or ""
        result.dependants.append(
            Dependant(node, node_kind, pg.specialty_of(node), _sites(pg, node, node_kind), tuple(paths[node]), counts[node])
        )
    return result


def _step(pg: PortfolioGraph, node: str, root: str, paths: dict[str, list[Path]], counts: dict[str, int],
          layers: dict[int, list[str]]) -> None:
    """Extend ``node``'s paths to every element one DOWNSTREAM link away."""
    mine = paths[node]
    for relation, out, kinds in DOWNSTREAM.get(pg.kind(node) or "", ()):
        for nb in (pg.out(node, relation) if out else pg.into(node, relation)):
            nb_kind = pg.kind(nb)
            if nb_kind not in kinds or nb == root:
                continue
            held = paths.get(nb)
            if held is None:
                held = paths[nb] = []
                counts[nb] = 0
                layers.setdefault(RANK[nb_kind], []).append(nb)
            counts[nb] += counts[node]
            room = MAX_PATHS - len(held)
            if room > 0:
                hop = Hop(nb, relation, out)
                held.extend(p + (hop,) for p in mine[:room])
