"""A new check-in starts from the previous one: the period is today's, and what the last check-in said
comes next is the starting point for what has happened (a check-in is then useful with one more field).
"""
from __future__ import annotations

import datetime as dt

from graph.portfolio import PortfolioGraph
from graph.queries.checkins import latest_check_in


def check_in_start(pg: PortfolioGraph, found: dict[str, object], today: dt.date) -> dict[str, object]:
    """Return ``found`` (the form's prefill) completed from the subject's latest check-in: its status,
    and its "what comes next" as both this one's "what has happened" and "what comes next"; the period is today.

    >>> from graph.examples import example_graph
    >>> from graph.record import Record
    >>> pg = example_graph()
    >>> pg.apply([Record("check_in", "c1", {"id": "c1", "subject": "geri-i1", "period": "2026-10-01",
    ...           "status": "at_risk", "next": "Ansætte to sygeplejersker"}, "bass")])
    >>> check_in_start(pg, {"subject": "geri-i1"}, dt.date(2026, 11, 2))
    {'subject': 'geri-i1', 'period': '2026-11-02', 'status': 'at_risk', 'happened': 'Ansætte to sygeplejersker', 'next': 'Ansætte to sygeplejersker'}
    >>> check_in_start(pg, {"subject": "geri-fa1"}, dt.date(2026, 11, 2))
    {'subject': 'geri-fa1', 'period': '2026-11-02'}
    """
    start = dict(found)
    start.setdefault("period", today.isoformat())
    subject = start.get("subject")
    latest = latest_check_in(pg, str(subject)) if isinstance(subject, str) and subject in pg else None
    if latest is not None:
        start.setdefault("status", latest["status"])
        if latest.get("next"):
            start.setdefault("happened", latest["next"])
            start.setdefault("next", latest["next"])
    return start
