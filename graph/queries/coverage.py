"""Coverage: per specialty, the gaps the programme secretariat looks for (JOURNEYS.md journey 1)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.portfolio import PortfolioGraph
from graph.queries.walk import specialty_parts
from graph.vocabulary import SETTLED_PREREQUISITE


@dataclass
class SpecialtyCoverage:
    """The gaps of one specialty; id lists are sorted."""

    id: str
    name: str
    phase: str | None
    ambition: str | None
    ambition_status: str | None
    focus_areas_without_initiatives: list[str] = field(default_factory=list)
    unaddressed_challenges: list[str] = field(default_factory=list)
    focus_areas_without_indicators: list[str] = field(default_factory=list)
    prerequisites_not_met: list[str] = field(default_factory=list)
    core_team_complete: bool = False
    counts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "phase": self.phase,
            "ambition": self.ambition,
            "ambition_status": self.ambition_status,
            "focus_areas_without_initiatives": self.focus_areas_without_initiatives,
            "unaddressed_challenges": self.unaddressed_challenges,
            "focus_areas_without_indicators": self.focus_areas_without_indicators,
            "prerequisites_not_met": self.prerequisites_not_met,
            "core_team_complete": self.core_team_complete,
            "counts": dict(self.counts),
        }


@dataclass
class Coverage:
    """Coverage of every specialty (ordered by name) and the initiatives that serve no focus area."""

    specialties: list[SpecialtyCoverage]
    orphan_initiatives: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "specialties": [s.to_json() for s in self.specialties],
            "orphan_initiatives": list(self.orphan_initiatives),
        }


def specialties_in(pg: PortfolioGraph, programme: str | None = None) -> list[str]:
    """Return the specialties (of one programme, or all) ordered by name, then id."""
    found = [s for s in pg.ids("specialty") if programme is None or pg.programme_of(s) == programme]
    return sorted(found, key=lambda s: (pg.data(s).get("name", ""), s))


def core_team_complete(pg: PortfolioGraph, specialty: str, strength_positions: list[str] | None = None) -> bool:
    """Return True if the specialty has an owner and every strength position an implementation lead."""
    if not pg.role_holders(specialty, "specialty_owner"):
        return False
    if strength_positions is None:
        strength_positions = pg.strength_positions_of(specialty)
    return all(pg.role_holders(sp, "implementation_lead") for sp in strength_positions)


def specialty_coverage(pg: PortfolioGraph, specialty: str) -> SpecialtyCoverage:
    """Return the coverage of one specialty, walking only its own neighbourhood.

    The ambition shown is the specialty's first ambition by id (usually its only one); the lists
    and counts cover all its ambitions.
    """
    data = pg.data(specialty)
    parts = specialty_parts(pg, specialty)
    ambition = parts.ambitions[0] if parts.ambitions else None
    focus_areas, challenges, prerequisites = parts.focus_areas, parts.challenges, parts.prerequisites

    without_initiatives: list[str] = []
    without_indicators: list[str] = []
    addressed: set[str] = set()
    initiatives: set[str] = set()
    indicators = 0
    for fa in focus_areas:
        serving = pg.into(fa, "SERVES")
        measures = len(pg.out(fa, "MEASURED_BY"))
        addressed.update(pg.out(fa, "ADDRESSES"))
        if not serving:
            without_initiatives.append(fa)
        if not measures:
            without_indicators.append(fa)
        initiatives.update(serving)
        indicators += measures

    return SpecialtyCoverage(
        id=specialty,
        name=data.get("name", specialty),
        phase=data.get("phase"),
        ambition=ambition,
        ambition_status=pg.data(ambition).get("status") if ambition else None,
        focus_areas_without_initiatives=without_initiatives,
        unaddressed_challenges=[c for c in challenges if c not in addressed],
        focus_areas_without_indicators=without_indicators,
        prerequisites_not_met=[p for p in prerequisites if pg.data(p).get("status") not in SETTLED_PREREQUISITE],
        core_team_complete=core_team_complete(pg, specialty, parts.strength_positions),
        counts={
            "focus_areas": len(focus_areas),
            "initiatives": len(initiatives),
            "challenges": len(challenges),
            "prerequisites": len(prerequisites),
            "indicators": indicators,
            "strength_positions": len(parts.strength_positions),
        },
    )


def orphan_initiatives(pg: PortfolioGraph, programme: str | None = None) -> list[str]:
    """Return the initiatives (of one programme, or all) that serve no focus area, sorted."""
    return sorted(
        i
        for i in pg.ids("initiative")
        if not pg.has_out(i, "SERVES") and (programme is None or pg.programme_of(i) == programme)
    )


def coverage(pg: PortfolioGraph, programme: str | None = None) -> Coverage:
    """Return the coverage of every specialty (or those of one programme), ordered by name.

    Per specialty: its ambition and status, focus areas without initiatives or indicators,
    challenges no focus area addresses, prerequisites not met (any status but met or withdrawn),
    whether the core team is complete, and counts. Programme-wide: initiatives serving no focus area.

    >>> from graph.examples import example_graph
    >>> found = coverage(example_graph())
    >>> found.orphan_initiatives, [(s.id, s.focus_areas_without_initiatives) for s in found.specialties]
    (['orphan-i'], [('geri', []), ('reum', ['reum-fa1'])])
    """
    return Coverage(
        specialties=[specialty_coverage(pg, s) for s in specialties_in(pg, programme)],
        orphan_initiatives=orphan_initiatives(pg, programme),
    )
