"""Who may mark a prerequisite not met or a support offer withdrawn, and mark it met again (issue 23).

The secretariat of the element's programme, or its owner: a prerequisite's is the specialty owner
of its ambition's specialty, a support offer's the person its ``owner`` names. Everything the
marking flags for re-confirmation (signals on focus areas and initiatives in any specialty) is
written with it: it is the consequence of a failure someone with the right declared, not a signal
that person raises. Answering a re-confirmation is answering a signal (web/rights.py:
``can_answer_signal``, the element's owner or leads and the secretariat).
"""
from __future__ import annotations

from graph.portfolio import PortfolioGraph
from graph.queries.whatif import FAILED
from web.rights import User, owned_specialties, secretariat_for


def can_mark_failed(user: User | None, pg: PortfolioGraph, cause: str) -> bool:
    """Return True if ``user`` may mark ``cause`` (a prerequisite or support offer) failed, or met again."""
    kind = pg.kind(cause)
    if user is None or kind not in FAILED:
        return False
    if secretariat_for(user, pg, kind, cause, pg.data(cause)):
        return True
    if kind == "support_offer":
        owner = pg.data(cause).get("owner")
        return owner is not None and owner == getattr(user, "person", None)
    return pg.specialty_of(cause) in owned_specialties(user, pg)
