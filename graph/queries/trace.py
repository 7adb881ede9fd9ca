"""Traceability: the walk from an initiative up to everything it serves and everyone responsible (DESIGN.md section 2)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.portfolio import PortfolioGraph
from graph.queries.checkins import signals_on
from graph.queries.errors import NotFound
from graph.queries.walk import of_kind

#: The role key of the person who owns an initiative (not a stored role: the initiative's ``owner``).
INITIATIVE_OWNER = "initiative_owner"


@dataclass(frozen=True)
class TraceRole:
    """Why a person is in a trace: their ``role`` towards ``target``, and the chain element ``via`` that brought the target in."""

    role: str
    target: str
    via: str

    def to_json(self) -> dict[str, Any]:
        return {"role": self.role, "target": self.target, "via": self.via}


@dataclass
class Trace:
    """The chain of one initiative, as ids; ``to_json`` gives the elements themselves.

    Lists are in a stable order: focus areas by sequence (now, next, later), order and id; the
    rest by id. ``people`` maps a person id to their roles in the chain.
    """

    pg: PortfolioGraph = field(repr=False)
    initiative: str
    focus_areas: list[str] = field(default_factory=list)
    ambitions: list[str] = field(default_factory=list)
    specialties: list[str] = field(default_factory=list)
    prerequisites: list[str] = field(default_factory=list)
    challenges: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    people: dict[str, list[TraceRole]] = field(default_factory=dict)
    strength_position: str | None = None
    site: str | None = None
    #: Programme support offers the initiative draws on, itself or through the prerequisites above it.
    support_offers: list[str] = field(default_factory=list)
    #: Written reasons of the chain's links, as (from, to, reason): why the initiative serves a focus
    #: area, why a prerequisite enables one; in the order of the focus areas, the initiative's first.
    reasons: list[tuple[str, str, str]] = field(default_factory=list)
    #: Open signals from practice on the chain's elements, as (element, signal): in chain order (the
    #: initiative, its focus areas, ambitions, prerequisites, challenges, indicators), newest first on each.
    signals: list[tuple[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Return the trace as JSON-ready data: every element with its file-format fields."""
        pg = self.pg

        def items(ids: list[str]) -> list[dict[str, Any]]:
            return [pg.element_json(i) for i in ids]

        people = []
        for pid in sorted(self.people):
            data = pg.data(pid)
            people.append(
                {
                    "id": pid,
                    "name": data.get("name"),
                    "title": data.get("title"),
                    "roles": [r.to_json() for r in self.people[pid]],
                }
            )
        return {
            "initiative": pg.element_json(self.initiative),
            "focus_areas": items(self.focus_areas),
            "ambitions": items(self.ambitions),
            "specialties": items(self.specialties),
            "prerequisites": items(self.prerequisites),
            "challenges": items(self.challenges),
            "indicators": items(self.indicators),
            "people": people,
            "strength_position": pg.element_json(self.strength_position) if self.strength_position else None,
            "site": pg.element_json(self.site) if self.site else None,
            "support_offers": items(self.support_offers),
            "reasons": [{"from": a, "to": b, "reason": text} for a, b, text in self.reasons],
            "open_signals": [{"element": e, **pg.element_json(s)} for e, s in self.signals],
        }


def trace(pg: PortfolioGraph, initiative_id: str) -> Trace:
    """Return the trace of an initiative: its focus areas, their ambitions and specialties, the
    prerequisites that enable them, the challenges they address, the indicators that measure them,
    where it is delivered and the people responsible at each step.

    People and the roles that put them in the chain:

    - the initiative's owner (role ``initiative_owner``, target and via the initiative);
    - implementation leads of the strength position it is delivered at (via the initiative);
    - specialty owners and core team of each specialty in the chain (via the first focus area,
      in chain order, that belongs to that specialty).

    It also gives the open signals on the chain's elements (``signals``), the support offers the initiative relies on (its own ``draws_on`` and those of the
    prerequisites in the chain) and the written reasons of the links (initiative -> focus area,
    prerequisite -> focus area).

    Raises NotFound if ``initiative_id`` is not an initiative. An initiative serving no focus
    area gives empty lists.

    >>> from graph.examples import example_graph
    >>> t = trace(example_graph(), "geri-i1")
    >>> t.focus_areas, t.ambitions, t.prerequisites, t.strength_position
    (['geri-fa1'], ['geri-amb'], ['geri-pre1'], 'geri-hs')
    >>> {person: [r.role for r in roles] for person, roles in t.people.items()}
    {'eva': ['initiative_owner', 'implementation_lead'], 'bjorn': ['specialty_owner']}
    """
    if pg.kind(initiative_id) != "initiative":
        raise NotFound(initiative_id, "initiative", pg.kind(initiative_id))
    result = Trace(pg, initiative_id)
    focus_areas = sorted(pg.out(initiative_id, "SERVES"), key=pg.focus_area_key)
    result.focus_areas = focus_areas

    ambitions: set[str] = set()
    prerequisites: set[str] = set()
    challenges: set[str] = set()
    indicators: set[str] = set()
    specialty_via: dict[str, str] = {}
    for fa in focus_areas:
        for amb in pg.out(fa, "PART_OF"):
            ambitions.add(amb)
            specialty = pg.specialty_of(amb)
            if specialty is not None:
                specialty_via.setdefault(specialty, fa)
        prerequisites.update(pg.into(fa, "ENABLES"))
        challenges.update(pg.out(fa, "ADDRESSES"))
        indicators.update(pg.out(fa, "MEASURED_BY"))
    result.ambitions = sorted(ambitions)
    result.specialties = sorted(specialty_via)
    result.prerequisites = sorted(prerequisites)
    result.challenges = sorted(challenges)
    result.indicators = sorted(indicators)

    support = set(pg.out(initiative_id, "DRAWS_ON"))
    for pre in result.prerequisites:
        support.update(pg.out(pre, "DRAWS_ON"))
    result.support_offers = sorted(support)
    own_reasons = pg.data(initiative_id).get("reasons") or {}
    for fa in focus_areas:
        if own_reasons.get(fa):
            result.reasons.append((initiative_id, fa, own_reasons[fa]))
    for fa in focus_areas:
        for pre in sorted(pg.into(fa, "ENABLES")):
            why = (pg.data(pre).get("reasons") or {}).get(fa)
            if why:
                result.reasons.append((pre, fa, why))

    chain = [initiative_id, *focus_areas, *result.ambitions, *result.prerequisites, *result.challenges, *result.indicators]
    result.signals = [(element, s) for element in chain for s in signals_on(pg, element)]

    people = result.people
    for owner in pg.into(initiative_id, "OWNS"):
        people.setdefault(owner, []).append(TraceRole(INITIATIVE_OWNER, initiative_id, initiative_id))
    places = pg.out(initiative_id, "DELIVERED_AT")
    for sp in of_kind(pg, places, "strength_position"):
        result.strength_position = sp
        for lead in pg.role_holders(sp, "implementation_lead"):
            people.setdefault(lead, []).append(TraceRole("implementation_lead", sp, initiative_id))
    for site in of_kind(pg, places, "site"):
        result.site = site
    for specialty in result.specialties:
        via = specialty_via[specialty]
        for role in ("specialty_owner", "core_team"):
            for person in pg.role_holders(specialty, role):
                people.setdefault(person, []).append(TraceRole(role, specialty, via))
    return result
