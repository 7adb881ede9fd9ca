"""Rights of the follow-up after approval: status check-ins and signals from practice.

The rule, as web/rights.py's docstring states it: a check-in is written by whoever may edit the
element it reports on; a signal is raised by anyone with a role in the element's specialty and
answered or closed by its owner or implementation leads (and the secretariat). This module holds
the rule over what web/rights.py works out of the user's roles, so it imports nothing of it;
web/rights.py asks it and re-exports its names, and the rights are still asked of one module.
"""
from __future__ import annotations

from collections.abc import Callable, Set

from graph.portfolio import PortfolioGraph

#: Kinds judged by ``follow_up_allowed`` instead of the specialty and lead rules.
FOLLOWUP_KINDS = frozenset({"check_in", "signal"})
#: What a check-in reports on.
CHECK_IN_SUBJECTS = frozenset({"initiative", "focus_area", "ambition"})


def _subject(pg: PortfolioGraph, data: dict) -> str | None:
    subject = data.get("subject")
    return subject if isinstance(subject, str) and subject in pg else None


def _is_raising(stored: dict | None, data: dict | None) -> bool:
    """A new signal, open and not answered: what anyone in the specialty may write."""
    return (
        stored is None and data is not None and data.get("status", "open") == "open"
        and not any(data.get(k) for k in ("answer", "answered_by", "answered_on"))
    )


def follow_up_allowed(
    pg: PortfolioGraph,
    kind: str,
    stored: dict | None,
    data: dict | None,
    may_edit: Callable[[str, str], bool],
    answering: Set[str],
    raising: Set[str],
) -> bool:
    """Return True if this check-in or signal may be written, judged on the item as stored and as it would be.

    ``may_edit(kind, id)``: whether the user may edit an element; ``answering``: the specialties
    the user owns or leads a strength position of; ``raising``: those and the ones of their core team.
    """
    states = [d for d in (stored, data) if d is not None]
    if kind == "check_in":
        if not states:
            return bool(answering)
        for d in states:
            subject = _subject(pg, d)
            if subject is None or pg.kind(subject) not in CHECK_IN_SUBJECTS or not may_edit(str(pg.kind(subject)), subject):
                return False
        return True
    if not states:
        return bool(raising)
    allowed = raising if _is_raising(stored, data) else answering
    return all((s := _subject(pg, d)) is not None and pg.specialty_of(s) in allowed for d in states)
