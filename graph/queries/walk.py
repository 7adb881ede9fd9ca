"""Walks shared by several queries that are more than one look-up on the graph.

Single steps (``out``, ``into``, ``role_holders``, ``kind``, ``specialty_of``, ``display_title``)
are PortfolioGraph's own methods; this module only combines them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from graph.portfolio import PortfolioGraph


def of_kind(pg: PortfolioGraph, items: list[str], kind: str) -> list[str]:
    """Return the items of one kind, in the given order."""
    return [i for i in items if pg.kind(i) == kind]


@dataclass
class SpecialtyParts:
    """The elements directly under a specialty and its ambitions; every list sorted by id."""

    ambitions: list[str] = field(default_factory=list)
    strength_positions: list[str] = field(default_factory=list)
    situations: list[str] = field(default_factory=list)
    focus_areas: list[str] = field(default_factory=list)
    challenges: list[str] = field(default_factory=list)
    prerequisites: list[str] = field(default_factory=list)


def specialty_parts(pg: PortfolioGraph, specialty: str) -> SpecialtyParts:
    """Return a specialty's ambitions, strength positions, situation notes, and its ambitions'
    focus areas, challenges and prerequisites.

    >>> from graph.record import Record
    >>> pg = PortfolioGraph([
    ...     Record("specialty", "geri", {"id": "geri", "name": "Geriatri"}),
    ...     Record("ambition", "geri-amb", {"id": "geri-amb", "specialty": "geri", "statement": "Stærk geriatri"}),
    ...     Record("focus_area", "fa2", {"id": "fa2", "ambition": "geri-amb", "title": "Vagtlag"}),
    ...     Record("focus_area", "fa1", {"id": "fa1", "ambition": "geri-amb", "title": "Miljøer"}),
    ...     Record("challenge", "ch1", {"id": "ch1", "ambition": "geri-amb", "title": "Rekruttering"}),
    ... ])
    >>> parts = specialty_parts(pg, "geri")
    >>> parts.ambitions, parts.focus_areas, parts.challenges, parts.prerequisites
    (['geri-amb'], ['fa1', 'fa2'], ['ch1'], [])
    """
    parts = SpecialtyParts()
    for u in pg.into(specialty, "OF"):
        kind = pg.kind(u)
        if kind == "ambition":
            parts.ambitions.append(u)
        elif kind == "strength_position":
            parts.strength_positions.append(u)
    parts.situations = of_kind(pg, pg.into(specialty, "DESCRIBES"), "situation")
    for amb in parts.ambitions:
        parts.focus_areas.extend(pg.into(amb, "PART_OF"))
        parts.challenges.extend(pg.challenges_of(amb))
        parts.prerequisites.extend(pg.prerequisites_of(amb))
    for found in vars(parts).values():
        found.sort()
    return parts

