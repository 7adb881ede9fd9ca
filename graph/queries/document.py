"""The strategic ambition document of one specialty, in the guidance's order.

One answer for every way the document is shown (the web page, its print, the Word file):
1 situation picture, 2 core challenges, 3 the ambition and its prerequisites, 4 the strategic
focus areas with their indicators, sequenced (now, next, later); then the faglig ambition
(initiatives by the focus area they serve) and the core team. Ids only, never translated text.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.formatting import format_date
from graph.portfolio import PortfolioGraph
from graph.queries.people import CoreTeam, core_team
from graph.queries.situation import by_site
from graph.vocabulary import Perspective, label

_PERSPECTIVE_RANK = {p.value: i for i, p in enumerate(Perspective)}


@dataclass(frozen=True)
class AmbitionDocument:
    """What the document shows, in its order.

    ``situation`` and ``challenges`` are grouped by site (sites by name, the whole specialty, None,
    last); ``indicators`` and ``initiatives`` are keyed by focus area; ``unplaced_initiatives`` are
    the specialty's initiatives (by strength position) that serve no focus area of it.
    """

    specialty: str
    programme: str | None
    ambitions: list[str]
    situation: list[tuple[str | None, list[str]]]
    challenges: list[tuple[str | None, list[str]]]
    prerequisites: list[str]
    focus_areas: list[str]
    indicators: dict[str, list[str]]
    initiatives: dict[str, list[str]]
    unplaced_initiatives: list[str]
    team: CoreTeam


def ambition_document(pg: PortfolioGraph, specialty: str) -> AmbitionDocument:
    """Return the strategic ambition document of ``specialty`` (an id the graph holds).

    >>> from graph.examples import example_graph
    >>> doc = ambition_document(example_graph(), "geri")
    >>> doc.ambitions, doc.situation, doc.challenges, doc.prerequisites
    (['geri-amb'], [('holb', ['geri-sit1'])], [(None, ['geri-ch1'])], ['geri-pre1'])
    >>> doc.focus_areas, doc.indicators, doc.initiatives, doc.team.owners
    (['geri-fa1'], {'geri-fa1': ['geri-ind1']}, {'geri-fa1': ['geri-i1']}, ['bjorn'])
    """
    notes = [n for n in pg.into(specialty, "DESCRIBES") if pg.kind(n) == "situation"]
    notes.sort(key=lambda n: (_PERSPECTIVE_RANK.get(pg.data(n).get("perspective", ""), 9), n))
    ambitions = sorted(pg.ambitions_of(specialty))
    challenges: list[str] = []
    prerequisites: list[str] = []
    for amb in ambitions:
        challenges.extend(sorted(pg.challenges_of(amb)))
        prerequisites.extend(sorted(pg.prerequisites_of(amb)))
    focus_areas = [fa for amb in ambitions for fa in pg.focus_areas_of(amb)]
    initiatives = {fa: sorted(pg.into(fa, "SERVES"), key=lambda i: (_start_key(pg, i), i)) for fa in focus_areas}
    served = {i for items in initiatives.values() for i in items}
    unplaced = sorted(
        i
        for sp in pg.strength_positions_of(specialty)
        for i in pg.into(sp, "DELIVERED_AT")
        if pg.kind(i) == "initiative" and i not in served
    )
    return AmbitionDocument(
        specialty=specialty,
        programme=pg.programme_of(specialty),
        ambitions=ambitions,
        situation=by_site(pg, notes),
        challenges=by_site(pg, challenges),
        prerequisites=prerequisites,
        focus_areas=focus_areas,
        indicators={fa: sorted(pg.out(fa, "MEASURED_BY")) for fa in focus_areas},
        initiatives=initiatives,
        unplaced_initiatives=unplaced,
        team=core_team(pg, specialty),
    )


def _start_key(pg: PortfolioGraph, initiative: str) -> str:
    return str(pg.data(initiative).get("start") or "9999")


#: The running header's own words, Danish and English.
_HEADER_WORDS = {"version": ("version", "version"), "revision": ("porteføljens revision", "portfolio revision"), "printed": ("udskrevet", "printed")}


def running_header(pg: PortfolioGraph, doc: AmbitionDocument, lang: str, today: dt.date) -> str:
    """Return the line every printed page carries: programme, specialty, version, status and approval, printed date.

    The page printed from the browser and the Word document carry the same line.

    >>> from graph.examples import example_graph
    >>> pg = example_graph()
    >>> running_header(pg, ambition_document(pg, "geri"), "da", dt.date(2026, 11, 19))
    'BASS · Geriatri · version 1, porteføljens revision 1 · Godkendt · udskrevet 19. november 2026'
    """
    def word(key: str) -> str:
        return _HEADER_WORDS[key][0 if lang == "da" else 1]

    parts = [pg.display_title(doc.programme)] if doc.programme else []
    parts.append(pg.display_title(doc.specialty))
    for amb in doc.ambitions[:1]:
        data = pg.data(amb)
        parts.append(f"{word('version')} {pg.version(amb)}, {word('revision')} {pg.revision}")
        state = label(str(data.get("status", "draft")), lang)
        if data.get("approved_on"):
            state += f" {format_date(data['approved_on'], lang)}"
        parts.append(state)
    parts.append(f"{word('printed')} {format_date(today, lang)}")
    return " · ".join(parts)
