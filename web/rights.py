"""Who may change what: the role x action x target rules, in one place.

Rights come only from the roles people hold in the portfolio graph, never from the fields of the
item being written (a proposed ``owner`` gives nothing). Every write is judged on the item as it
is stored now AND as it would be after the change, so nobody moves an item into or out of what
they are responsible for.

=====================  ==========================================================================
role                   may write
=====================  ==========================================================================
secretariat of P       every kind within programme P, imports of P's files and roles; decisions only
                       for the steering group, at a held meeting (web/rights_meetings.py)
steering group of P    decisions only: approve or return an ambition of P (with reason and meeting)
specialty owner of A   the strategic content of A (ambition, situation, challenges, prerequisites,
                       focus areas, indicators), A's strength positions, initiatives that touch
                       only A, readings of A's indicators; resubmits A's ambition
implementation lead    initiatives at a strength position they lead whose focus areas all belong
  of a strength pos.   to that position's specialty; readings of that specialty's indicators
core team, no role     nothing (they read), except raising a signal from practice (below)
=====================  ==========================================================================

Follow-up after approval: a status check-in on an initiative, focus area or ambition is written by
whoever may edit that element (the lead for initiatives at their strength position, the owner for
the focus areas and the ambition, the secretariat for all); core team members do not write
check-ins. A signal from practice is raised (created open, unanswered) by anyone with a role in the
element's specialty, core team included; it is answered, closed, changed or deleted by the
specialty's owner or one of its implementation leads (and the secretariat).

Decisions: only the steering group approves or returns, and nobody else moves an ambition out of
``approved``, except that the owner (or secretariat) may resubmit it once its strategic content
has changed since the approval (``approved`` -> ``submitted``). Decisions and baselines are
written only by the decision flow.

A store may hold several programmes (regions merge): the secretariat's and the steering group's
rights reach only the programmes they hold the role in, judged on the item's programme as stored
and as it would be written (graph/queries/programme.py).

``user`` is anything with ``username`` and ``person`` attributes (or None: not signed in).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from graph.portfolio import PortfolioGraph
from graph.queries.baseline import AMBITION_KINDS, changed_since_approval
from graph.queries.programme import normalised, programme_for, programmes_referenced
from web.rights_followup import CHECK_IN_SUBJECTS, FOLLOWUP_KINDS, follow_up_allowed
from web.rights_self import grants_self
from web.state import portfolio

#: Kinds a specialty owner edits within their own specialty (the faglig ambition and its parts too).
SPECIALTY_KINDS = frozenset({"ambition", "situation", "challenge", "prerequisite", "focus_area", "indicator", "strength_position",
                             "initiative", "professional_ambition", "position_part"})
#: Kinds only the secretariat edits.
SECRETARIAT_KINDS = frozenset({"programme", "site", "specialty", "person", "role", "support_offer", "synergy_link"})
#: Kinds written only by the steering group's decision flow (never by a form, the item API or an upload).
DECISION_KINDS = frozenset({"decision", "baseline"})
#: Ambition statuses that only a decision of the steering group may set.
DECISION_STATUSES = frozenset({"approved", "returned"})


class User(Protocol):
    # read-only: a frozen account (web.accounts.Account) is a user as well as a session's
    @property
    def username(self) -> str: ...

    @property
    def person(self) -> str | None: ...


def _roles(user: User | None, pg: PortfolioGraph) -> list[dict]:
    person = getattr(user, "person", None)
    if not person or person not in pg or pg.kind(person) != "person":
        return []
    return pg.roles_of(person)


def _targets(user: User | None, pg: PortfolioGraph, role: str) -> set[str]:
    """Return the ids that ``user`` holds ``role`` towards."""
    found: set[str] = set()
    for r in _roles(user, pg):
        if r["role"] == role and (target := r.get("specialty") or r.get("strength_position") or r.get("programme")):
            found.add(target)
    return found


def is_secretariat(user: User | None, pg: PortfolioGraph) -> bool:
    """Return True if the user belongs to the secretariat of some programme (what to show; rights ask ``secretariat_for``)."""
    return bool(_targets(user, pg, "secretariat"))


def is_steering_group(user: User | None, pg: PortfolioGraph) -> bool:
    """Return True if the user sits in the steering group of some programme."""
    return bool(_targets(user, pg, "steering_group"))


def secretariat_for(
    user: User | None, pg: PortfolioGraph, kind: str | None = None, item_id: str | None = None, data: dict | None = None
) -> bool:
    """Return True if the user belongs to the secretariat of the programme of an item, as stored
    (``item_id``) and as it would be written (``data``); with neither, of any programme.

    An item whose programme cannot be told (a new one with no references in a store of several
    programmes), and one of a programme that has no secretariat yet (a new programme, a region's
    first import), is any secretariat's: someone must be able to set it up.
    """
    programmes = _targets(user, pg, "secretariat")
    if not programmes:
        return False
    stored = pg.programme_of(item_id) if item_id and item_id in pg else None
    wanted = {stored}
    if data is not None and kind is not None:
        wanted.add(programme_for(pg, kind, data, stored))
        wanted.update(programmes_referenced(pg, kind, data))  # every element it points at, not only the first
    return all(p is None or p in programmes or not _has_secretariat(pg, p) for p in wanted)


def _has_secretariat(pg: PortfolioGraph, programme: str) -> bool:
    return programme in pg and bool(pg.role_holders(programme, "secretariat"))


def outside_programmes(user: User | None, pg: PortfolioGraph, records: Iterable[tuple[str, str, str | None]]) -> list[str]:
    """Return the programmes of an import's records ``(kind, id, programme)`` -- or of what they would
    overwrite -- that the user is not in the secretariat of, sorted."""
    programmes = _targets(user, pg, "secretariat")
    found: set[str] = set()
    for _kind, item, programme in records:
        for p in (programme, pg.programme_of(item) if item in pg else None):
            if p is not None and p not in programmes and _has_secretariat(pg, p):
                found.add(p)
    return sorted(found)


def led_specialties(user: User | None, pg: PortfolioGraph) -> dict[str, str]:
    """Return strength position -> its specialty, for every strength position the user leads."""
    return {
        sp: pg.data(sp)["specialty"]
        for sp in _targets(user, pg, "implementation_lead")
        if sp in pg and pg.kind(sp) == "strength_position"
    }


def touched_specialties(pg: PortfolioGraph, kind: str, data: dict) -> set[str | None]:
    """Return every specialty an item (stored or proposed) touches, read from its own references.

    An unknown or missing reference counts as ``None``: a specialty nobody holds a right on.
    """

    def of(item: object) -> str | None:
        return pg.specialty_of(item) if isinstance(item, str) and item in pg else None

    found: set[str | None] = set()
    if kind in ("ambition", "situation", "strength_position"):
        spec = data.get("specialty")
        found.add(spec if isinstance(spec, str) and pg.kind(spec) == "specialty" else None)
    elif kind in ("challenge", "prerequisite", "focus_area"):
        found.add(of(data.get("ambition")))
        if kind == "prerequisite":
            found.update(of(fa) for fa in data.get("enables", ()) or ())
        if kind == "focus_area":
            found.update(of(ch) for ch in data.get("addresses", ()) or ())
    elif kind in ("indicator", "professional_ambition", "position_part"):
        found.add(of(data.get({"indicator": "focus_area", "professional_ambition": "ambition"}.get(kind, "strength_position"))))
    elif kind == "initiative":
        found.update(of(fa) for fa in data.get("focus_areas", ()) or ())
        if data.get("strength_position") is not None:
            found.add(of(data.get("strength_position")))
        if not found:
            found.add(None)  # an initiative of no specialty is the secretariat's
    else:
        found.add(None)
    return found


def _owner_may_hold(user: User | None, pg: PortfolioGraph, kind: str, data: dict) -> bool:
    if kind not in SPECIALTY_KINDS:
        return False
    return touched_specialties(pg, kind, data) <= _targets(user, pg, "specialty_owner")


def _lead_may_hold(user: User | None, pg: PortfolioGraph, kind: str, data: dict) -> bool:
    """A lead holds an initiative placed at a strength position they lead, serving only its specialty, and
    that position's part of the faglig ambition."""
    led = led_specialties(user, pg)
    sp = data.get("strength_position")
    if kind not in ("initiative", "position_part") or sp not in led:
        return False
    return touched_specialties(pg, kind, data) <= {led[sp]}


def _may_hold(user: User | None, pg: PortfolioGraph, kind: str, data: dict) -> bool:
    """Return True if a non-secretariat user may be responsible for an item of ``kind`` with these fields."""
    return _owner_may_hold(user, pg, kind, data) or _lead_may_hold(user, pg, kind, data)


def can_edit(user: User | None, pg: PortfolioGraph, kind: str, item_id: str | None = None, data: dict | None = None) -> bool:
    """Return True if ``user`` may create, change, move or delete an item of ``kind``.

    ``item_id`` names a stored item (its stored fields are judged); ``data`` the fields it is to
    have (judged too). With neither, the answer is whether the user may write some item of that
    kind at all (to show a "new" link).
    """
    data = normalised(kind, data)
    if user is None or kind in DECISION_KINDS or (kind == "role" and grants_self(user, pg, item_id, data)):
        return False
    if secretariat_for(user, pg, kind, item_id, data):
        return True
    if kind in FOLLOWUP_KINDS:
        return can_follow_up(user, pg, kind, item_id, data)
    stored = pg.data(item_id) if item_id and item_id in pg and pg.kind(item_id) == kind else None
    if stored is None and data is None:
        if item_id and item_id in pg:
            return False
        if kind == "initiative":
            return bool(_targets(user, pg, "specialty_owner") or led_specialties(user, pg))
        return kind in SPECIALTY_KINDS and bool(_targets(user, pg, "specialty_owner"))
    if kind == "role" and all(can_edit_core_team(user, pg, d) for d in (stored, data) if d is not None):
        return True  # a specialty owner appoints their leads and core team
    return all(_may_hold(user, pg, kind, d) for d in (stored, data) if d is not None)


def can_write(user: User | None, pg: PortfolioGraph, kind: str, item_id: str | None, data: dict | None) -> bool:
    """The one check before any single-item write: ``can_edit`` and, for an ambition, its status rule.

    ``data`` None is a delete; an approved ambition is deleted by nobody but the secretariat.
    """
    data = normalised(kind, data)
    stored = pg.data(item_id) if item_id and item_id in pg and pg.kind(item_id) == kind else None
    if kind == "indicator" and stored is not None and data is not None and is_reading_only(stored, data):
        return can_record_reading(user, pg, str(item_id))
    if not can_edit(user, pg, kind, item_id, data):
        return False
    if kind not in AMBITION_KINDS:
        return True
    before = pg.data(item_id) if item_id and item_id in pg else None
    if data is None:
        return not (before and before.get("status") == "approved") or secretariat_for(user, pg, kind, item_id)
    return can_decide_status(user, pg, before, data, item_id)


def can_approve(user: User | None, pg: PortfolioGraph, ambition_id: str) -> bool:
    """Return True if ``user`` may approve or return this ambition: the steering group of its programme
    only, never its secretariat (also one that holds both roles)."""
    if user is None or pg.kind(ambition_id) not in AMBITION_KINDS:
        return False
    programme = pg.programme_of(ambition_id)
    return programme in _targets(user, pg, "steering_group") and programme not in _targets(user, pg, "secretariat")


def can_resubmit(user: User | None, pg: PortfolioGraph, ambition_id: str) -> bool:
    """Return True if ``user`` may submit this ambition for a decision (again).

    A draft or returned ambition, or an approved one changed since its approval, by whoever edits it.
    """
    kind = str(pg.kind(ambition_id))
    if kind not in AMBITION_KINDS or not can_edit(user, pg, kind, ambition_id):
        return False
    status = pg.data(ambition_id).get("status", "draft")
    if status == "approved":
        return changed_since_approval(pg, ambition_id)
    return status in ("draft", "returned")


def can_import(user: User | None, pg: PortfolioGraph | None = None) -> bool:
    """Return True if ``user`` may import or bulk-replace portfolio files (a secretariat only; which
    programme's files: ``outside_programmes``)."""
    if user is None:
        return False
    return is_secretariat(user, pg if pg is not None else portfolio())


def can_record_reading(user: User | None, pg: PortfolioGraph, indicator_id: str) -> bool:
    """Return True if ``user`` may add a reading to an indicator.

    The right is on the indicator's specialty: its owner, a lead of one of its strength
    positions, or the secretariat. Initiatives a person owns give nothing.
    """
    if pg.kind(indicator_id) != "indicator" or user is None:
        return False
    if secretariat_for(user, pg, "indicator", indicator_id):
        return True
    specialty = pg.specialty_of(indicator_id)
    if specialty is None:
        return False
    return specialty in _targets(user, pg, "specialty_owner") or specialty in led_specialties(user, pg).values()


def is_reading_only(before: dict, after: dict) -> bool:
    """Return True if ``after`` differs from ``before`` in the readings only (what a reading right covers)."""
    strip = lambda d: {k: v for k, v in d.items() if k != "readings"}  # noqa: E731
    return strip(before) == strip(after)


def can_decide_status(
    user: User | None, pg: PortfolioGraph, before: dict | None, after: dict, item_id: str | None = None
) -> bool:
    """Return True unless an edit changes an ambition's decision without the right to.

    Setting ``approved`` or ``returned`` or the approval date is a decision (the steering group's,
    through the decision flow). Leaving ``approved`` is refused too, except a resubmission
    (``submitted``, approval date dropped) of an ambition changed since its approval.
    """
    before = before or {}
    old, new = before.get("status", "draft"), after.get("status", "draft")
    decided = (new in DECISION_STATUSES and new != old) or (
        after.get("approved_on") != before.get("approved_on") and not (old == "approved" and new == "submitted")
    )
    if decided:
        return False
    if old == "approved" and new != "approved":
        return new == "submitted" and item_id is not None and changed_since_approval(pg, item_id)
    return True


def refused_in_import(user: User | None, pg: PortfolioGraph, upserts: Iterable[tuple[str, str, dict]]) -> list[str]:
    """Return the ids in an import that would take a decision: only the steering group's decision flow does.

    ``upserts`` are ``(kind, id, data)``; decisions, baselines and ambition status changes that differ
    from what is stored are listed.
    """
    refused: list[str] = []
    for kind, item, data in upserts:
        stored = pg.data(item) if item in pg and pg.kind(item) == kind else None
        if kind in DECISION_KINDS and stored != data:
            refused.append(item)
        elif kind in AMBITION_KINDS and not can_decide_status(user, pg, stored, data, item if stored else None):
            refused.append(item)
    return refused


# -- questions of the writing forms (H-write) ---------------------------------------------------

#: Roles a specialty owner may give within their own specialty (the core team they put together).
CORE_TEAM_ROLES = frozenset({"implementation_lead", "core_team"})


def can_edit_core_team(user: User | None, pg: PortfolioGraph, data: dict | None) -> bool:
    """Return True if ``user`` may give (or take back) this role as the owner of its specialty.

    A specialty owner appoints implementation leads of their specialty's strength positions and
    core-team members of their specialty; with ``data`` None: whether they may do so anywhere.
    """
    owned = _targets(user, pg, "specialty_owner")
    if not owned:
        return False
    if data is None:
        return True
    if data.get("person") == getattr(user, "person", None):
        return False  # nobody appoints themselves
    if data.get("role") not in CORE_TEAM_ROLES:
        return False
    target = data.get("specialty") or data.get("strength_position")
    if not target or target not in pg:
        return False
    if pg.kind(target) == "specialty":
        return data.get("role") == "core_team" and target in owned
    return data.get("role") == "implementation_lead" and pg.kind(target) == "strength_position" and pg.specialty_of(target) in owned


def led_positions(user: User | None, pg: PortfolioGraph) -> set[str]:
    """Return the strength positions ``user`` is implementation lead of."""
    return _targets(user, pg, "implementation_lead")


def owned_specialties(user: User | None, pg: PortfolioGraph) -> set[str]:
    """Return the specialties ``user`` is specialty owner of."""
    return _targets(user, pg, "specialty_owner")


#: Kinds that a synergy link joins.
LINKED_KINDS = frozenset({"initiative", "focus_area", "challenge"})


def can_link(user: User | None, pg: PortfolioGraph, source: str, target: str) -> bool:
    """Return True if ``user`` may mark two elements as a joint effort or as related, or dismiss a
    suggested pair: whoever may edit either element (one side is enough; a dismissal is judged on
    the side that dismisses, given as both ``source`` and ``target``)."""
    if user is None:
        return False
    # Marking a pair changes neither element: a role in the specialty of either side is enough, also
    # for an element that spans specialties (which only the secretariat may edit).
    led = set(led_specialties(user, pg).values()) | _targets(user, pg, "specialty_owner")
    return any(
        pg.kind(x) in LINKED_KINDS and (can_edit(user, pg, str(pg.kind(x)), x) or pg.specialty_of(x) in led)
        for x in {source, target}
    )


# -- follow-up after approval: status check-ins and signals from practice (web/rights_followup.py) ---


def can_follow_up(user: User | None, pg: PortfolioGraph, kind: str, item_id: str | None = None, data: dict | None = None) -> bool:
    """Return True if a user who is not the item's secretariat may write this check-in or signal."""
    if user is None:
        return False
    stored = pg.data(item_id) if item_id and item_id in pg and pg.kind(item_id) == kind else None
    if stored is None and item_id and item_id in pg:
        return False
    answering = _targets(user, pg, "specialty_owner") | set(led_specialties(user, pg).values())
    raising = answering | _targets(user, pg, "core_team")
    return follow_up_allowed(pg, kind, stored, data, lambda k, i: can_edit(user, pg, k, i), answering, raising)


def can_check_in(user: User | None, pg: PortfolioGraph, subject: str) -> bool:
    """Return True if ``user`` may write a status check-in on ``subject`` (the link on its page)."""
    return subject in pg and pg.kind(subject) in CHECK_IN_SUBJECTS and can_edit(user, pg, "check_in", None, {"subject": subject})


def can_raise_signal(user: User | None, pg: PortfolioGraph, subject: str) -> bool:
    """Return True if ``user`` may raise a signal from practice on ``subject``."""
    return subject in pg and can_edit(user, pg, "signal", None, {"subject": subject, "status": "open"})


def can_answer_signal(user: User | None, pg: PortfolioGraph, signal: str) -> bool:
    """Return True if ``user`` may answer or close this signal."""
    return pg.kind(signal) == "signal" and can_edit(user, pg, "signal", signal, {**pg.data(signal), "status": "answered", "answer": "-"})
