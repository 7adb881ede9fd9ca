"""The situation picture of a specialty: its notes grouped by site, and their figures per site.

A figure is a count (or an amount), which may be added up across notes and sites, or a
percentage, a score or a duration, which is shown as written and never added up (DESIGN.md
section 2). The page, the Word document and the map all read the figures from here.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graph.formatting import format_number
from graph.models import figure_parts
from graph.portfolio import PortfolioGraph
from graph.relations import Relation
from graph.vocabulary import SUMMABLE_FIGURES

_SUMMABLE = frozenset(str(kind) for kind in SUMMABLE_FIGURES)
#: A site, or None for the whole specialty.
Place = str | None


def by_site(pg: PortfolioGraph, items: Iterable[str], always: Iterable[str] | None = None) -> list[tuple[Place, list[str]]]:
    """Return ``items`` (situation notes, core challenges) grouped by their ``site``: sites by name, the whole specialty last.

    With ``always`` (for a writer: the sites of the specialty's strength positions), those sites and
    the whole specialty get a group even when empty: a place to write, per site first.

    >>> from graph.examples import example_graph
    >>> pg = example_graph()
    >>> by_site(pg, ["geri-sit1", "geri-ch1"])
    [('holb', ['geri-sit1']), (None, ['geri-ch1'])]
    >>> by_site(pg, [], always=["holb"])
    [('holb', []), (None, [])]
    """
    groups: dict[Place, list[str]] = defaultdict(list)
    if always is not None:
        for site in always:
            groups[site] = []
        groups[None] = []
    for item in items:
        groups[pg.data(item).get("site")].append(item)
    order = sorted((s for s in groups if s), key=lambda s: (pg.display_title(s).casefold(), s))
    return [(s, groups[s]) for s in order] + ([(None, groups[None])] if None in groups else [])


def figure_text(value: object, lang: str = "da") -> str:
    """Return a stored figure as a person reads it: the number and its unit.

    >>> figure_text(4), figure_text({"value": 59.5, "unit": "point", "kind": "score"}), figure_text(87, "en")
    ('4', '59,5 point', '87')
    """
    number, unit, _kind = figure_parts(value)
    shown = format_number(number, lang)
    return f"{shown} {unit}" if unit else shown


def summed_counts(pg: PortfolioGraph, notes: Iterable[str]) -> dict[Place, dict[tuple[str, str | None], float]]:
    """Return the counts of ``notes`` added up per site and per (figure name, unit); scores and percentages left out.

    >>> pg = _example()
    >>> summed_counts(pg, ["n1", "n2", "n3"])
    {'holb': {('specialists', None): 6.0}, None: {('specialists', None): 1.0}}
    """
    sums: dict[Place, dict[tuple[str, str | None], float]] = defaultdict(dict)
    for note in notes:
        data = pg.data(note)
        for name, value in data.get("figures", {}).items():
            number, unit, kind = figure_parts(value)
            if kind in _SUMMABLE:
                per_site = sums[data.get("site")]
                per_site[(name, unit)] = per_site.get((name, unit), 0.0) + number
    return dict(sums)


def site_figures(pg: PortfolioGraph, notes: Iterable[str], lang: str = "da") -> dict[Place, dict[str, str]]:
    """Return the figures of ``notes`` per site (None: the whole specialty) as text, by figure name.

    Counts with the same name and unit are added up within a site; a score, a percentage or a
    number of days is shown as written (the values of several notes side by side, with " / ").

    >>> site_figures(_example(), ["n1", "n2", "n3"])
    {'holb': {'specialists': '6', 'wellbeing': '59,5 point / 61 point'}, None: {'specialists': '1'}}
    """
    notes = list(notes)
    kept: dict[Place, dict[str, list[str]]] = defaultdict(dict)
    for note in notes:
        data = pg.data(note)
        for name, value in data.get("figures", {}).items():
            if figure_parts(value)[2] not in _SUMMABLE:
                kept[data.get("site")].setdefault(name, []).append(figure_text(value, lang))
    sums = summed_counts(pg, notes)
    shown: dict[Place, dict[str, str]] = {}
    for site in list(sums) + [s for s in kept if s not in sums]:
        texts = {name: figure_text({"value": v, "unit": unit}, lang) for (name, unit), v in sums.get(site, {}).items()}
        texts.update({name: " / ".join(values) for name, values in kept.get(site, {}).items()})
        shown[site] = texts
    return shown


def total_figures(pg: PortfolioGraph, notes: Iterable[str], lang: str = "da") -> list[tuple[str, str]]:
    """Return the counts of all ``notes`` added up over every site, as (figure name, text), by name.

    >>> total_figures(_example(), ["n1", "n2", "n3"])
    [('specialists', '7')]
    """
    total: dict[tuple[str, str | None], float] = {}
    for per_site in summed_counts(pg, notes).values():
        for key, value in per_site.items():
            total[key] = total.get(key, 0.0) + value
    return sorted((name, figure_text({"value": v, "unit": unit}, lang)) for (name, unit), v in total.items())


def position_sites(pg: PortfolioGraph, specialty: str) -> set[str]:
    """Return the sites where ``specialty`` has a strength position (those its situation picture must cover).

    >>> from graph.examples import example_graph
    >>> sorted(position_sites(example_graph(), "geri"))
    ['holb']
    """
    return {site for sp in pg.strength_positions_of(specialty) for site in pg.out(sp, Relation.AT)}


def own_sites(pg: PortfolioGraph, specialty: str) -> set[str]:
    """Return the sites where ``specialty`` has a strength position or that its strength positions work with."""
    sites: set[str] = set()
    for sp in pg.strength_positions_of(specialty):
        data = pg.data(sp)
        sites.update(data.get("sites", ()))
        sites.update(data.get("partner_sites", ()))
    return sites


@dataclass(frozen=True)
class MapSite:
    """A site on a specialty's map: where it is (graph/geo.project places it), acute hospital or not, the specialty's own or not."""

    id: str
    lat: float
    lon: float
    acute: bool
    own: bool


def map_sites(pg: PortfolioGraph, specialty: str, also_own: Iterable[str] = ()) -> tuple[list[MapSite], list[str]]:
    """Return the sites a specialty's map shows, in the store's order, and its own sites it cannot place (no coordinates).

    A map shows the sites of the specialty's programme and its own sites (``own_sites`` and
    ``also_own``: where its situation picture has figures or notes), the own ones marked.

    >>> from graph.examples import example_graph
    >>> map_sites(example_graph(), "geri")
    ([], ['holb'])
    """
    programme = pg.programme_of(specialty)
    own = own_sites(pg, specialty) | set(also_own)
    placed, unplaced = [], []
    for site in pg.ids("site"):
        if pg.programme_of(site) != programme and site not in own:
            continue
        data = pg.data(site)
        if data.get("lat") is None or data.get("lon") is None:
            if site in own:
                unplaced.append(site)
            continue
        placed.append(MapSite(site, float(data["lat"]), float(data["lon"]), data.get("kind") == "acute_hospital", site in own))
    return placed, unplaced


def _example() -> PortfolioGraph:
    """Three notes of one specialty: two at Holbæk (counts and a score each), one for the whole."""
    from graph.record import Record

    def score(value: float) -> dict[str, object]:
        return {"value": value, "unit": "point", "kind": "score"}

    return PortfolioGraph([
        Record("situation", "n1", {"id": "n1", "specialty": "geri", "site": "holb", "figures": {"specialists": 4, "wellbeing": score(59.5)}}),
        Record("situation", "n2", {"id": "n2", "specialty": "geri", "site": "holb", "figures": {"specialists": 2, "wellbeing": score(61)}}),
        Record("situation", "n3", {"id": "n3", "specialty": "geri", "figures": {"specialists": 1}}),
    ])
