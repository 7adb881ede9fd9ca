"""Small walks over the portfolio graph shared by the queries; each touches neighbours only."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from graph.portfolio import PortfolioGraph
from graph.schema import ROLE_RELATION

_SEQUENCE_RANK = {"now": 0, "next": 1, "later": 2}


# The neighbour walks below read networkx's adjacency dicts directly: the public edge views cost
# ten times as much per call, and the speed targets (trace < 1 ms, coverage < 300 ms on 100,000
# nodes) are spent almost entirely in these walks.


def out(pg: PortfolioGraph, item: str, relation: str) -> list[str]:
    """Return the targets of ``item``'s outgoing edges of one relation (as ``pg.out``)."""
    adjacent = pg.g._succ.get(item)
    return [v for v, keys in adjacent.items() if relation in keys] if adjacent else []


def into(pg: PortfolioGraph, item: str, relation: str) -> list[str]:
    """Return the sources of the edges of one relation that point at ``item`` (as ``pg.into``)."""
    adjacent = pg.g._pred.get(item)
    return [u for u, keys in adjacent.items() if relation in keys] if adjacent else []


def holders(pg: PortfolioGraph, target: str, role: str) -> list[str]:
    """Return the people who hold ``role`` towards ``target`` (as ``pg.role_holders``)."""
    return into(pg, target, ROLE_RELATION[role])


def kind_of(pg: PortfolioGraph, item: str) -> str | None:
    """Return the kind of a graph node (not a role), or None."""
    node = pg.g._node.get(item)
    return node["kind"] if node else None


def ambitions_of(pg: PortfolioGraph, specialty: str) -> list[str]:
    """Return the strategic ambitions of a specialty."""
    return [a for a in into(pg, specialty, "OF") if kind_of(pg, a) == "ambition"]


def strength_positions_of(pg: PortfolioGraph, specialty: str) -> list[str]:
    """Return the strength positions of a specialty."""
    return [s for s in into(pg, specialty, "OF") if kind_of(pg, s) == "strength_position"]


def element_json(pg: PortfolioGraph, item: str) -> dict:
    """Return a copy of an element's file-format fields (it carries its ``id``)."""
    data = copy.deepcopy(pg.data(item))
    data.setdefault("id", item)
    return data


def title_of(pg: PortfolioGraph, item: str, limit: int = 80) -> str:
    """Return what a person reads as an element's name, cut to ``limit`` characters."""
    data = pg.data(item)
    # A person's ``title`` is their job title, not what they are called.
    keys = ("name",) if kind_of(pg, item) == "person" else ("title", "name", "statement", "text")
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
    return [i for i in items if kind_of(pg, i) == kind]


def ambition_specialty(pg: PortfolioGraph, ambition: str) -> str | None:
    """Return the specialty of an ambition, or None."""
    found = out(pg, ambition, "OF")
    return found[0] if found else None


def focus_area_specialty(pg: PortfolioGraph, focus_area: str) -> str | None:
    """Return the specialty a focus area belongs to (through its ambition), or None."""
    for amb in out(pg, focus_area, "PART_OF"):
        return ambition_specialty(pg, amb)
    return None


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
    focus areas, challenges and prerequisites, in one pass over each one's neighbours."""
    nodes, preds = pg.g._node, pg.g._pred
    parts = SpecialtyParts()
    for u, keys in preds.get(specialty, {}).items():
        kind = nodes[u]["kind"]
        if "OF" in keys and kind == "ambition":
            parts.ambitions.append(u)
        elif "OF" in keys and kind == "strength_position":
            parts.strength_positions.append(u)
        elif "DESCRIBES" in keys and kind == "situation":
            parts.situations.append(u)
    for amb in parts.ambitions:
        for u, keys in preds[amb].items():
            if "PART_OF" in keys:
                parts.focus_areas.append(u)
            elif "BELONGS_TO" in keys:
                kind = nodes[u]["kind"]
                if kind == "challenge":
                    parts.challenges.append(u)
                elif kind == "prerequisite":
                    parts.prerequisites.append(u)
    for found in vars(parts).values():
        found.sort()
    return parts


def initiative_specialties(pg: PortfolioGraph, initiative: str) -> list[str]:
    """Return every specialty whose focus areas an initiative serves, sorted; if none, its strength position's."""
    found = {s for fa in out(pg, initiative, "SERVES") if (s := focus_area_specialty(pg, fa))}
    if not found:
        for place in out(pg, initiative, "DELIVERED_AT"):
            if kind_of(pg, place) == "strength_position":
                found.update(out(pg, place, "OF"))
    return sorted(found)


def home_specialty(pg: PortfolioGraph, initiative: str) -> str | None:
    """Return the specialty an initiative's findings belong to: that of its first focus area, else of its strength position."""
    for fa in pg.data(initiative).get("focus_areas", ()):
        if fa in pg:
            return focus_area_specialty(pg, fa)
    for place in out(pg, initiative, "DELIVERED_AT"):
        if kind_of(pg, place) == "strength_position":
            found = out(pg, place, "OF")
            return found[0] if found else None
    return None
