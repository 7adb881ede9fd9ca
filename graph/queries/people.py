"""People: a specialty's core team, a person's roles, and the initiatives a person answers for.

Plain functions over ``PortfolioGraph``; they return ids and role keys, never translated text.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph.portfolio import PortfolioGraph
from graph.vocabulary import SETTLED_PREREQUISITE


@dataclass(frozen=True)
class RoleView:
    """One role a person holds: the role key, the id of what it points at, and the role's note."""

    role: str
    target: str
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"role": self.role, "target": self.target, "note": self.note}


@dataclass(frozen=True)
class CoreTeam:
    """A specialty's core team: its owners, its members with their role note, and the leads per strength position."""

    owners: list[str]
    members: list[tuple[str, str | None]]
    leads: list[tuple[str, list[str]]]

    def to_json(self) -> dict[str, Any]:
        return {
            "owners": self.owners,
            "members": [{"person": p, "note": note} for p, note in self.members],
            "leads": [{"strength_position": sp, "people": people} for sp, people in self.leads],
        }


@dataclass(frozen=True)
class ServedFocusArea:
    """A focus area an initiative serves, its ambition, the prerequisites enabling it, and whether all are settled."""

    focus_area: str
    ambition: str | None
    prerequisites: list[str]
    all_met: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "focus_area": self.focus_area,
            "ambition": self.ambition,
            "prerequisites": self.prerequisites,
            "all_met": self.all_met,
        }


@dataclass(frozen=True)
class MyInitiative:
    """An initiative a person answers for; ``why`` holds ``"owner"`` and/or ``"lead"``."""

    initiative: str
    why: list[str]
    serves: list[ServedFocusArea] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"initiative": self.initiative, "why": self.why, "serves": [s.to_json() for s in self.serves]}


def _target(role: dict[str, Any]) -> str:
    return role.get("specialty") or role.get("strength_position") or role.get("programme") or ""


def roles_view(pg: PortfolioGraph, person: str) -> list[RoleView]:
    """Return a person's roles, sorted by role key and then by target id.

    Parameters
    ----------
    pg : PortfolioGraph
    person : str
        A person's id; an unknown id has no roles.

    Returns
    -------
    list of RoleView

    Examples
    --------
    >>> from graph.changeset import Record
    >>> pg = PortfolioGraph([
    ...     Record("specialty", "geri", {"id": "geri", "name": "Geriatri"}),
    ...     Record("person", "eva", {"id": "eva", "name": "Eva"}),
    ...     Record("role", "r1", {"person": "eva", "role": "specialty_owner", "specialty": "geri"}),
    ... ])
    >>> roles_view(pg, "eva")
    [RoleView(role='specialty_owner', target='geri', note=None)]
    """
    found = [RoleView(r["role"], _target(r), r.get("note")) for r in pg.roles_of(person)]
    return sorted(found, key=lambda r: (r.role, r.target))


def core_team(pg: PortfolioGraph, specialty: str) -> CoreTeam:
    """Return a specialty's core team: owners, members with the note of their core-team role, and leads per strength position.

    Strength positions come in the graph's order; people in the order their roles were added.

    Parameters
    ----------
    pg : PortfolioGraph
    specialty : str
        A specialty's id.

    Returns
    -------
    CoreTeam

    Examples
    --------
    >>> from graph.changeset import Record
    >>> pg = PortfolioGraph([
    ...     Record("site", "hol", {"id": "hol", "name": "Holbæk", "kind": "acute_hospital"}),
    ...     Record("specialty", "geri", {"id": "geri", "name": "Geriatri"}),
    ...     Record("strength_position", "geri-h", {"id": "geri-h", "specialty": "geri", "sites": ["hol"]}),
    ...     Record("person", "eva", {"id": "eva", "name": "Eva"}),
    ...     Record("person", "bo", {"id": "bo", "name": "Bo"}),
    ...     Record("role", "r1", {"person": "eva", "role": "specialty_owner", "specialty": "geri"}),
    ...     Record("role", "r2", {"person": "bo", "role": "core_team", "specialty": "geri", "note": "sygepleje"}),
    ... ])
    >>> team = core_team(pg, "geri")
    >>> team.owners, team.members, team.leads
    (['eva'], [('bo', 'sygepleje')], [('geri-h', [])])
    """
    members = []
    for person in pg.role_holders(specialty, "core_team"):
        notes = [r.get("note") for r in pg.roles_of(person) if r["role"] == "core_team" and r.get("specialty") == specialty]
        members.append((person, notes[0] if notes else None))
    return CoreTeam(
        owners=pg.role_holders(specialty, "specialty_owner"),
        members=members,
        leads=[(sp, pg.role_holders(sp, "implementation_lead")) for sp in pg.strength_positions_of(specialty)],
    )


def my_initiatives(pg: PortfolioGraph, person: str) -> list[MyInitiative]:
    """Return the initiatives a person owns or that sit at strength positions they lead, by id.

    Each comes with why it is listed (``owner``, ``lead``) and, per focus area it serves, that
    focus area's ambition and the prerequisites enabling it; ``all_met`` is True when each of
    them is met or withdrawn (or there are none).

    Parameters
    ----------
    pg : PortfolioGraph
    person : str
        A person's id.

    Returns
    -------
    list of MyInitiative
        By initiative id.

    Examples
    --------
    >>> from graph.changeset import Record
    >>> pg = PortfolioGraph([
    ...     Record("ambition", "amb", {"id": "amb", "specialty": "geri", "statement": "Robust"}),
    ...     Record("focus_area", "fa", {"id": "fa", "ambition": "amb", "title": "Rekruttering"}),
    ...     Record("prerequisite", "pre", {"id": "pre", "ambition": "amb", "text": "Penge",
    ...                                    "status": "proposed", "enables": ["fa"]}),
    ...     Record("person", "eva", {"id": "eva", "name": "Eva"}),
    ...     Record("initiative", "ini", {"id": "ini", "title": "Kampagne", "focus_areas": ["fa"], "owner": "eva"}),
    ... ])
    >>> [entry.to_json() for entry in my_initiatives(pg, "eva")]
    [{'initiative': 'ini', 'why': ['owner'], 'serves': [{'focus_area': 'fa', 'ambition': 'amb', 'prerequisites': ['pre'], 'all_met': False}]}]
    """
    found: dict[str, set[str]] = defaultdict(set)
    for ini in pg.out(person, "OWNS"):
        found[ini].add("owner")
    for role in pg.roles_of(person):
        if role["role"] == "implementation_lead":
            for ini in pg.into(role["strength_position"], "DELIVERED_AT"):
                if pg.kind(ini) == "initiative":
                    found[ini].add("lead")
    entries = []
    for ini in sorted(found):
        serves = []
        for fa in pg.data(ini).get("focus_areas", []):
            pres = sorted(pg.into(fa, "ENABLES"))
            settled = all(pg.data(p).get("status") in SETTLED_PREREQUISITE for p in pres)
            serves.append(ServedFocusArea(fa, pg.data(fa).get("ambition") if fa in pg else None, pres, settled))
        entries.append(MyInitiative(ini, sorted(found[ini]), serves))
    return entries
