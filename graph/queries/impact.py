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
from typing import Any, NamedTuple

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


class Hop(NamedTuple):
    """One step of a path, away from the element asked about: to ``item`` by ``relation``.

    ``out`` is True when the edge points from the element before (nearer the root) to ``item``
    (a prerequisite ENABLES a focus area), False when ``item``'s own edge points back (a
    prerequisite DRAWS_ON the support offer before it).
    """

    item: str
    relation: Relation
    out: bool


Path = tuple[Hop, ...]


class Dependant(NamedTuple):
    """An element that depends on the root: its kind, specialty (None: programme-wide), sites and number of paths."""

    item: str
    kind: str
    specialty: str | None
    sites: tuple[str, ...]
    path_count: int


#: Per element reached: the links that reached it, as (element before it, relation, out), in the order made.
Links = dict[str, list[tuple[str, Relation, bool]]]


@dataclass
class Impact:
    """What depends on ``root``: every dependant once, grouped by specialty and kind, with counts.

    ``dependants`` is in walk order (nearest first); ``groups`` maps a specialty (None for
    elements of no specialty) to kind to dependants sorted by title; ``by_specialty`` and
    ``by_site`` count dependants per specialty and per site (hospital) they are delivered at or
    placed at, largest first; ``paths(item)`` gives the paths of one dependant.
    """

    pg: PortfolioGraph = field(repr=False)
    root: str
    dependants: list[Dependant] = field(default_factory=list)
    links: Links = field(default_factory=dict, repr=False)

    def paths(self, item: str) -> tuple[Path, ...]:
        """The paths from the root to ``item`` (at most MAX_PATHS), in the order the walk made them."""
        memo: dict[str, list[Path]] = {self.root: [()]}

        def of(node: str) -> list[Path]:
            found = memo.get(node)
            if found is None:
                found = []
                for before, relation, out in self.links.get(node, ()):
                    hop = Hop(node, relation, out)
                    for path in of(before):
                        if len(found) == MAX_PATHS:
                            break
                        found.append((*path, hop))
                memo[node] = found
            return found

        return tuple(of(item)) if item != self.root and item in self.links else ()

    @property
    def groups(self) -> list[tuple[str | None, list[tuple[str, list[Dependant]]]]]:
        """Dependants per specialty (by name; None last) and per kind (KIND_ORDER), each list by title."""
        return self.grouped()

    def grouped(self, limit: int | None = None) -> list[tuple[str | None, list[tuple[str, list[Dependant]]]]]:
        """``groups``, of the first ``limit`` specialties only (only their dependants are sorted)."""
        pg = self.pg
        by: dict[str | None, dict[str, list[Dependant]]] = {}
        for dep in self.dependants:
            by.setdefault(dep.specialty, {}).setdefault(dep.kind, []).append(dep)
        named = sorted((s for s in by if s is not None), key=lambda s: (_title(pg, s).casefold(), s))
        order: list[str | None] = [*named, None] if None in by else list(named)
        return [
            (s, [(k, sorted(by[s][k], key=lambda d: (_title(pg, d.item).casefold(), d.item))) for k in KIND_ORDER if k in by[s]])
            for s in order[:limit]
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

    def to_json(self, groups: int | None = None, items: int | None = None) -> dict[str, Any]:
        """The answer as JSON-ready data: the root, counts, and the groups with every path in both languages.

        ``groups`` and ``items`` cut the answer for a page: at most that many specialties, and
        dependants of one kind in one specialty; each group and kind still says how many it has
        (``count``), and the counts at the top are always whole.
        """
        pg = self.pg
        titles: dict[str, str] = {}

        def named(item: str | None) -> dict[str, Any]:
            return {"id": item, "title": _title(pg, item, titles) if item else None}

        shown = self.grouped(groups)
        return {
            "root": {"id": self.root, "kind": pg.kind(self.root), "title": _title(pg, self.root)},
            "total": len(self.dependants),
            "by_kind": {k: n for k in KIND_ORDER if (n := sum(1 for d in self.dependants if d.kind == k))},
            "by_specialty": [named(s) | {"count": n} for s, n in self.by_specialty],
            "by_site": [named(s) | {"count": n} for s, n in self.by_site],
            "groups": [
                named(s) | {
                    "count": sum(len(deps) for _, deps in kinds),
                    "kinds": [
                        {"kind": k, "count": len(deps), "items": [self._dependant_json(d, titles) for d in deps[:items]]}
                        for k, deps in kinds
                    ],
                }
                for s, kinds in shown
            ],
        }

    def _dependant_json(self, dep: Dependant, titles: dict[str, str]) -> dict[str, Any]:
        """One dependant as JSON: id, kind, title, specialty, sites, and each path as ids, relations and text."""
        pg, root = self.pg, self.root
        return {
            "id": dep.item,
            "kind": dep.kind,
            "title": _title(pg, dep.item, titles),
            "specialty": dep.specialty,
            "sites": list(dep.sites),
            "path_count": dep.path_count,
            "paths": [
                {
                    "ids": [root, *(h.item for h in path)],
                    "relations": [str(h.relation) for h in path],
                    "da": path_text(pg, root, path, "da", titles),
                    "en": path_text(pg, root, path, "en", titles),
                }
                for path in self.paths(dep.item)
            ],
        }


def _title(pg: PortfolioGraph, item: str, memo: dict[str, str] | None = None) -> str:
    """An element's name in full; a strength position (which has none) by its specialty and sites."""
    if memo is not None:
        found = memo.get(item)
        if found is None:
            found = memo[item] = _title(pg, item)
        return found
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


def _named(pg: PortfolioGraph, item: str, lang: str, titles: dict[str, str] | None = None) -> str:
    """``kind word + title`` as a path says it (``indsatsområde Rekruttering``; a person by name)."""
    words = PATH_WORDS.get(pg.kind(item) or "")
    word = words[0 if lang == "da" else 1] if words else ""
    return f"{word} {_title(pg, item, titles)}".strip()


def path_text(pg: PortfolioGraph, root: str, path: Path, lang: str = "da", titles: dict[str, str] | None = None) -> str:
    """A path as a sentence, from the dependant back to the element asked about.

    "Indsats X tjener indsatsområde Y, som forudsætning Z muliggør, som trækker på støttetilbud HR-pakken".

    >>> from graph.examples import example_graph
    >>> pg = example_graph()
    >>> found = impact(pg, "geri-pre1")
    >>> [path_text(pg, "geri-pre1", p) for p in found.paths("geri-i1")]
    ['Indsats Fælles undervisning tjener indsatsområde Robuste faglige miljøer, som forudsætning Ressourcer til kompetenceudvikling muliggør']
    >>> path_text(pg, "geri-pre1", found.paths("geri-fa1")[0], "en")
    'Focus area Robuste faglige miljøer is enabled by prerequisite Ressourcer til kompetenceudvikling'
    """
    i = 0 if lang == "da" else 1
    nodes = [root, *(h.item for h in path)]
    # Read from the dependant (the path's end) back to the root; hop k joins nodes[k] and nodes[k+1].
    text = _named(pg, nodes[-1], lang, titles)
    text = text[:1].upper() + text[1:]
    which = "som" if i == 0 else "which"
    for k in range(len(path) - 1, -1, -1):
        hop, nearer = path[k], _named(pg, nodes[k], lang, titles)
        active, passive = VERBS[hop.relation]
        if k == len(path) - 1:  # the dependant's own clause
            # An edge from the nearer element to the dependant makes the dependant its object: passive.
            text += f" {passive[i]} {nearer}" if hop.out else f" {active[i]} {nearer}"
        else:  # a relative clause about the element before
            text += f", {which} {nearer} {active[i]}" if hop.out else f", {which} {active[i]} {nearer}"
    return text


class _Places:
    """The specialty and sites of the elements one walk reaches, with what several of them share looked up once.

    An initiative's specialty is its first focus area's, a focus area's its ambition's; thousands
    of dependants share a few hundred of those, so each is asked of the graph once.
    """

    def __init__(self, pg: PortfolioGraph):
        self.pg = pg
        self._specialty: dict[str, str | None] = {}
        self._sites: dict[str, tuple[str, ...]] = {}

    def specialty(self, item: str, kind: str) -> str | None:
        memo = self._specialty
        if item in memo:
            return memo[item]
        pg = self.pg
        data = pg.data(item)
        found: str | None
        if kind == "initiative":  # the most of any walk: its first focus area's, looked up in the memo first
            areas = data.get("focus_areas")
            if areas:
                first = areas[0]
                found = memo[first] if first in memo else self.specialty(first, "focus_area")
            else:
                sp = data.get("strength_position")
                found = self.specialty(sp, "strength_position") if sp else None
        elif kind in ("focus_area", "prerequisite", "challenge"):
            amb = data.get("ambition")
            found = self.specialty(amb, "ambition") if isinstance(amb, str) and amb in pg else None
        elif kind == "indicator":
            found = self.specialty(data["focus_area"], "focus_area")
        else:
            found = pg.specialty_of(item)
        memo[item] = found
        return found

    def initiative(self, item: str) -> tuple[str | None, tuple[str, ...]]:
        """An initiative's specialty and sites from one read of its fields (most dependants are initiatives)."""
        pg, memo = self.pg, self._specialty
        data = pg.data(item)
        areas = data.get("focus_areas")
        if areas and areas[0] in memo:
            found = memo[areas[0]]
        else:
            found = self.specialty(item, "initiative")
        place = data.get("strength_position") or data.get("site")
        if not isinstance(place, str):
            return found, ()
        held = self._sites.get(place)
        return found, held if held is not None else (self._place(place) if place in pg else ())

    def sites(self, item: str, kind: str) -> tuple[str, ...]:
        """The sites (hospitals) an element is delivered at or placed at, for the counts per hospital."""
        if kind == "initiative":
            # An initiative is delivered at one strength position or one site (graph/models.py): read from its fields.
            data = self.pg.data(item)
            place = data.get("strength_position") or data.get("site")
            return self._place(place) if isinstance(place, str) and place in self.pg else ()
        if kind in ("strength_position", "challenge"):
            return self._place(item)
        return ()

    def _place(self, item: str) -> tuple[str, ...]:
        """A site as itself; a strength position or challenge as the sites it is at (asked once each)."""
        held = self._sites.get(item)
        if held is None:
            held = self._sites[item] = (item,) if self.pg.kind(item) == "site" else tuple(self.pg.out(item, Relation.AT))
        return held


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
    >>> [[h.item for h in p] for p in found.paths("geri-i1")]
    [['geri-fa1', 'geri-i1']]
    """
    kind = pg.kind(item)
    if kind is None or kind == "role":
        raise NotFound(item, "element")
    if kind not in ROOT_KINDS:
        raise NotImpactable(item, kind)
    counts: dict[str, int] = {item: 1}
    kinds: dict[str, str] = {item: kind}
    links: Links = {}
    layers: dict[int, list[str]] = {rank: [] for rank in set(RANK.values())}
    layers[RANK[kind]].append(item)
    top = max(RANK.values()) + 1
    for rank in range(RANK[kind], top):
        for node in layers.get(rank, ()):
            if kinds[node] in DOWNSTREAM:  # initiatives and indicators lead nowhere: most of a walk
                _step(pg, node, item, counts, kinds, links, layers)
    result = Impact(pg, item, links=links)
    places = _Places(pg)
    # Bound once: this loop runs once per dependant, tens of thousands of times for a busy support offer.
    add, specialty, sites, initiative = result.dependants.append, places.specialty, places.sites, places.initiative
    for rank in range(RANK[kind], top):
        for node in layers.get(rank, ()):
            if node == item:
                continue
            node_kind = kinds[node]
            if node_kind == "initiative":
                add(Dependant(node, node_kind, *initiative(node), counts[node]))
            else:
                add(Dependant(node, node_kind, specialty(node, node_kind), sites(node, node_kind), counts[node]))
    return result


def _step(pg: PortfolioGraph, node: str, root: str, counts: dict[str, int], kinds: dict[str, str], links: Links,
          layers: dict[int, list[str]]) -> None:
    """Count ``node``'s paths into every element one DOWNSTREAM link away, and keep the link."""
    mine = counts[node]
    for relation, out, reached in DOWNSTREAM.get(kinds[node], ()):
        link = (node, relation, out)  # one tuple for every element this relation reaches from ``node``
        for nb in (pg.out if out else pg.into)(node, relation):
            held = links.get(nb)
            if held is None:
                nb_kind = pg.kind(nb)
                if nb_kind is None or nb_kind not in reached or nb == root:
                    continue
                held = links[nb] = []
                counts[nb] = 0
                kinds[nb] = nb_kind
                layers[RANK[nb_kind]].append(nb)
            elif kinds[nb] not in reached:
                continue
            counts[nb] += mine
            held.append(link)
