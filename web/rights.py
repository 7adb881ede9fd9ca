"""Who may change what, from the roles people hold in the portfolio graph.

- the secretariat (programme role) edits everything and imports whole portfolios;
- the steering group (programme role) approves or returns ambitions (the secretariat may record
  such a decision too);
- a specialty owner edits their specialty's strategic ambition and everything under it
  (situation picture, core challenges, prerequisites, focus areas, indicators), its strength
  positions and the initiatives that serve its focus areas or are delivered at its strength positions;
- an implementation lead edits initiatives delivered at their strength positions and initiatives
  they own, and records readings of the indicators of the focus areas those initiatives serve;
- every signed-in user reads.

``user`` is anything with ``username`` and ``person`` attributes (or None: not signed in).
"""
from __future__ import annotations

from typing import Protocol

from graph.portfolio import PortfolioGraph
from web.state import portfolio

#: Kinds a specialty owner edits within their own specialty.
SPECIALTY_KINDS = frozenset(
    {"ambition", "situation", "challenge", "prerequisite", "focus_area", "indicator", "strength_position", "initiative"}
)
#: Kinds only the secretariat edits.
SECRETARIAT_KINDS = frozenset({"programme", "site", "specialty", "person", "role"})
#: Ambition statuses that only a decision of the steering group may set.
DECISION_STATUSES = frozenset({"approved", "returned"})


class User(Protocol):
    username: str
    person: str | None


def _roles(user: User | None, pg: PortfolioGraph) -> list[dict]:
    person = getattr(user, "person", None)
    if not person or person not in pg:
        return []
    return pg.roles_of(person)


def _targets(user: User | None, pg: PortfolioGraph, role: str) -> set[str]:
    """Return the ids that ``user`` holds ``role`` towards."""
    found: set[str] = set()
    for r in _roles(user, pg):
        if r["role"] == role:
            found.add(r.get("specialty") or r.get("strength_position") or r.get("programme"))
    return found


def is_secretariat(user: User | None, pg: PortfolioGraph) -> bool:
    """Return True if the user belongs to a programme secretariat."""
    return bool(_targets(user, pg, "secretariat"))


def is_steering_group(user: User | None, pg: PortfolioGraph) -> bool:
    """Return True if the user sits in a programme steering group."""
    return bool(_targets(user, pg, "steering_group"))


def _specialty_of_data(pg: PortfolioGraph, kind: str, data: dict) -> set[str]:
    """Return the specialties an item (stored or proposed) belongs to, read from its own references."""
    found: set[str] = set()

    def of(item: str | None) -> str | None:
        return pg.specialty_of(item) if item and item in pg else None

    if kind in ("ambition", "situation", "strength_position"):
        found.add(data.get("specialty"))
    elif kind in ("challenge", "prerequisite", "focus_area"):
        found.add(of(data.get("ambition")))
    elif kind == "indicator":
        found.add(of(data.get("focus_area")))
    elif kind == "initiative":
        found.update(of(fa) for fa in data.get("focus_areas", ()))
        found.add(of(data.get("strength_position")))
    found.discard(None)
    return found


def _lead_may_edit_initiative(user: User | None, pg: PortfolioGraph, data: dict) -> bool:
    person = getattr(user, "person", None)
    if person and data.get("owner") == person:
        return True
    return data.get("strength_position") in _targets(user, pg, "implementation_lead")


def _may_edit_data(user: User | None, pg: PortfolioGraph, kind: str, data: dict) -> bool:
    """Return True if a non-secretariat user may hold an item of ``kind`` with these fields."""
    if kind not in SPECIALTY_KINDS:
        return False
    owned = _targets(user, pg, "specialty_owner")
    specialties = _specialty_of_data(pg, kind, data)
    if specialties & owned:
        return True
    return kind == "initiative" and _lead_may_edit_initiative(user, pg, data)


def can_edit(user: User | None, pg: PortfolioGraph, kind: str, item_id: str | None = None, data: dict | None = None) -> bool:
    """Return True if ``user`` may create, change or delete an item of ``kind``.

    ``item_id`` names a stored item (its stored fields are judged); ``data`` the fields it is to
    have (judged too, so nobody moves an item into or out of what they are responsible for).
    With neither, the answer is whether the user may edit some item of that kind at all.
    """
    if user is None:
        return False
    if is_secretariat(user, pg):
        return True
    stored = pg.data(item_id) if item_id and item_id in pg and pg.kind(item_id) == kind else None
    if stored is None and data is None:
        if item_id and item_id in pg:
            return False
        return kind in SPECIALTY_KINDS and bool(
            _targets(user, pg, "specialty_owner") or (kind == "initiative" and _targets(user, pg, "implementation_lead"))
        )
    return all(_may_edit_data(user, pg, kind, d) for d in (stored, data) if d is not None)


def can_approve(user: User | None, pg: PortfolioGraph, ambition_id: str) -> bool:
    """Return True if ``user`` may approve or return this ambition (steering group or secretariat)."""
    if user is None or pg.kind(ambition_id) != "ambition":
        return False
    return is_steering_group(user, pg) or is_secretariat(user, pg)


def can_import(user: User | None, pg: PortfolioGraph | None = None) -> bool:
    """Return True if ``user`` may import or bulk-replace portfolio files (the secretariat only)."""
    if user is None:
        return False
    return is_secretariat(user, pg if pg is not None else portfolio())


def can_record_reading(user: User | None, pg: PortfolioGraph, indicator_id: str) -> bool:
    """Return True if ``user`` may add a reading to an indicator.

    Whoever edits the indicator may, and so may an implementation lead with an initiative that
    serves the indicator's focus area.
    """
    if pg.kind(indicator_id) != "indicator" or user is None:
        return False
    if can_edit(user, pg, "indicator", indicator_id):
        return True
    focus_area = pg.data(indicator_id)["focus_area"]
    return any(
        _lead_may_edit_initiative(user, pg, pg.data(ini)) for ini in pg.into(focus_area, "SERVES")
    )


def can_decide_status(user: User | None, pg: PortfolioGraph, before: dict | None, after: dict) -> bool:
    """Return True unless an edit sets an ambition's decision (approved, returned, date) without the right to approve."""
    before = before or {}
    decided = (after.get("status") in DECISION_STATUSES and after.get("status") != before.get("status")) or (
        after.get("approved_on") != before.get("approved_on")
    )
    if not decided:
        return True
    return is_secretariat(user, pg) or is_steering_group(user, pg)


#: Kinds that a synergy link joins.
LINKED_KINDS = frozenset({"initiative", "focus_area", "challenge"})


def can_link(user: User | None, pg: PortfolioGraph, source: str, target: str) -> bool:
    """Return True if ``user`` may mark two elements as a joint effort or as related, or dismiss a
    suggested pair: whoever may edit either element (one side is enough; a dismissal is judged on
    the side that dismisses, given as both ``source`` and ``target``)."""
    if user is None:
        return False
    return any(pg.kind(x) in LINKED_KINDS and can_edit(user, pg, str(pg.kind(x)), x) for x in {source, target})
