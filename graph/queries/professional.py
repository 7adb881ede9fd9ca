"""The faglig ambition as a document: per strength position of the specialty, its part (what the faglig
ambition wants there, how the lead involves the departments) and its initiatives in the order of the
strategic focus areas they serve ("tager afsæt i rækkefølgen af de strategiske indsatsområder")."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.portfolio import PortfolioGraph
from graph.relations import Relation

_SEQUENCE = {"now": 0, "next": 1, "later": 2}


@dataclass(frozen=True)
class PositionSection:
    """One strength position's part of the document (``strength_position`` empty: initiatives placed elsewhere)."""

    strength_position: str
    part: str | None
    #: (focus area, its initiatives at this position), focus areas in the strategic ambition's order.
    focus_areas: list[tuple[str, list[str]]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"strength_position": self.strength_position, "part": self.part,
                "focus_areas": [{"focus_area": fa, "initiatives": ini} for fa, ini in self.focus_areas]}


def ordered_focus_areas(pg: PortfolioGraph, ambition: str) -> list[str]:
    """The strategic ambition's focus areas in its order: by sequence (now, next, later, none), then order, then id."""
    found = [f for f in pg.into(ambition, Relation.PART_OF) if pg.kind(f) == "focus_area"]
    return sorted(found, key=lambda f: (_SEQUENCE.get(str(pg.data(f).get("sequence")), 3), int(pg.data(f).get("order") or 0), f))


def professional_of(pg: PortfolioGraph, specialty: str) -> str | None:
    """The specialty's faglig ambition (of its first strategic ambition that has one), or None."""
    for ambition in sorted(pg.ambitions_of(specialty)):
        found = sorted(p for p in pg.into(ambition, Relation.REALISES) if pg.kind(p) == "professional_ambition")
        if found:
            return found[0]
    return None


def professional_document(pg: PortfolioGraph, professional: str) -> list[PositionSection]:
    """Return the faglig ambition's sections: one per strength position of the specialty (in the specialty's order),
    then one for initiatives placed at no strength position; an initiative shows under the first focus area it serves.

    >>> from graph.record import Record
    >>> pg = PortfolioGraph([
    ...     Record("specialty", "s", {"id": "s", "name": "S"}),
    ...     Record("strength_position", "sp", {"id": "sp", "specialty": "s", "sites": ["h"]}),
    ...     Record("ambition", "a", {"id": "a", "specialty": "s", "statement": "A"}),
    ...     Record("focus_area", "f2", {"id": "f2", "ambition": "a", "title": "F2", "sequence": "next"}),
    ...     Record("focus_area", "f1", {"id": "f1", "ambition": "a", "title": "F1", "sequence": "now"}),
    ...     Record("professional_ambition", "p", {"id": "p", "ambition": "a"}),
    ...     Record("initiative", "i2", {"id": "i2", "title": "I2", "focus_areas": ["f2"], "strength_position": "sp"}),
    ...     Record("initiative", "i1", {"id": "i1", "title": "I1", "focus_areas": ["f1", "f2"], "strength_position": "sp"}),
    ... ])
    >>> [(s.strength_position, s.focus_areas) for s in professional_document(pg, "p")]
    [('sp', [('f1', ['i1']), ('f2', ['i2'])])]
    """
    ambition = str(pg.data(professional)["ambition"])
    specialty = pg.specialty_of(ambition)
    focus_areas = ordered_focus_areas(pg, ambition)
    place = {fa: n for n, fa in enumerate(focus_areas)}
    parts = {str(pg.data(p).get("strength_position")): p for p in sorted(pg.into(professional, Relation.PART_OF_DOCUMENT))
             if pg.kind(p) == "position_part"}
    by_position: dict[str, dict[str, list[str]]] = {}
    for initiative in sorted({i for fa in focus_areas for i in pg.into(fa, Relation.SERVES) if pg.kind(i) == "initiative"}):
        data = pg.data(initiative)
        first = min((fa for fa in data.get("focus_areas", ()) if fa in place), key=place.__getitem__)
        by_position.setdefault(str(data.get("strength_position") or ""), {}).setdefault(first, []).append(initiative)
    positions = list(pg.strength_positions_of(specialty)) if specialty else []
    sections = []
    for sp in positions + ([""] if "" in by_position else []):
        groups = by_position.get(sp, {})
        sections.append(PositionSection(sp, parts.get(sp), [(fa, groups[fa]) for fa in focus_areas if fa in groups]))
    return sections
