"""Small walks over the portfolio graph shared by the queries; each touches neighbours only."""
from __future__ import annotations

import copy

from graph.portfolio import PortfolioGraph

_SEQUENCE_RANK = {"now": 0, "next": 1, "later": 2}


def element_json(pg: PortfolioGraph, item: str) -> dict:
    """Return a copy of an element's file-format fields (it carries its ``id``)."""
    data = copy.deepcopy(pg.data(item))
    data.setdefault("id", item)
    return data


def title_of(pg: PortfolioGraph, item: str, limit: int = 80) -> str:
    """Return what a person reads as an element's name, cut to ``limit`` characters."""
    data = pg.data(item)
    # A person's ``title`` is their job title, not what they are called.
    keys = ("name",) if pg.kind(item) == "person" else ("title", "name", "statement", "text")
    for key in keys:
        value = data.get(key)
        if value:
            text = str(value)
            return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return item


def focus_area_key(pg: PortfolioGraph, item: str) -> tuple[int, int, str]:
    """Return the sort key of a focus area: sequence (now, next, later, none), order, id."""
    data = pg.data(item)
    return (_SEQUENCE_RANK.get(data.get("sequence"), 3), data.get("order") or 0, item)


def of_kind(pg: PortfolioGraph, items: list[str], kind: str) -> list[str]:
    """Return the items of one kind, in the given order."""
    return [i for i in items if pg.kind(i) == kind]


def ambition_specialty(pg: PortfolioGraph, ambition: str) -> str | None:
    """Return the specialty of an ambition, or None."""
    found = pg.out(ambition, "OF")
    return found[0] if found else None


def focus_area_specialty(pg: PortfolioGraph, focus_area: str) -> str | None:
    """Return the specialty a focus area belongs to (through its ambition), or None."""
    for amb in pg.out(focus_area, "PART_OF"):
        return ambition_specialty(pg, amb)
    return None


def specialty_focus_areas(pg: PortfolioGraph, specialty: str) -> list[str]:
    """Return the focus areas of every ambition of a specialty, in sequence order."""
    found: list[str] = []
    for amb in sorted(pg.ambitions_of(specialty)):
        found.extend(pg.into(amb, "PART_OF"))
    return sorted(found, key=lambda f: focus_area_key(pg, f))


def specialty_ambition_parts(pg: PortfolioGraph, specialty: str, kind: str) -> list[str]:
    """Return the challenges or prerequisites (``kind``) of a specialty's ambitions, sorted by id."""
    found: list[str] = []
    for amb in pg.ambitions_of(specialty):
        found.extend(of_kind(pg, pg.into(amb, "BELONGS_TO"), kind))
    return sorted(found)


def initiative_specialties(pg: PortfolioGraph, initiative: str) -> list[str]:
    """Return every specialty whose focus areas an initiative serves, sorted; if none, its strength position's."""
    found = {s for fa in pg.out(initiative, "SERVES") if (s := focus_area_specialty(pg, fa))}
    if not found:
        for place in pg.out(initiative, "DELIVERED_AT"):
            if pg.kind(place) == "strength_position":
                found.update(pg.out(place, "OF"))
    return sorted(found)


def home_specialty(pg: PortfolioGraph, initiative: str) -> str | None:
    """Return the specialty an initiative's findings belong to: that of its first focus area, else of its strength position."""
    for fa in pg.data(initiative).get("focus_areas", ()):
        if fa in pg:
            return focus_area_specialty(pg, fa)
    for place in pg.out(initiative, "DELIVERED_AT"):
        if pg.kind(place) == "strength_position":
            found = pg.out(place, "OF")
            return found[0] if found else None
    return None
