"""Who and when, written onto a follow-up item by the form that saves it (the person signed in, today).

A check-in carries its author and the day it was written; a signal who raised it and, once it is
answered or closed, who answered and when. The forms do not show these fields: they are facts of
the save, not choices.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping


def stamp(kind: str, raw: dict, before: Mapping | None, person: str | None, today: dt.date | None = None) -> dict:
    """Return ``raw`` with the author fields of a check-in or signal filled in (other kinds unchanged).

    >>> stamp("check_in", {"subject": "i1"}, None, "eva", dt.date(2026, 12, 7))
    {'subject': 'i1', 'by': 'eva', 'written_on': '2026-12-07'}
    >>> stamp("check_in", {"subject": "i1"}, {"by": "eva", "written_on": "2026-11-03"}, "mette", dt.date(2026, 12, 7))
    {'subject': 'i1', 'by': 'eva', 'written_on': '2026-11-03'}
    >>> stamp("signal", {"status": "answered", "answer": "Ja"}, {"raised_by": "kira"}, "bjorn", dt.date(2026, 12, 7))
    {'status': 'answered', 'answer': 'Ja', 'answered_by': 'bjorn', 'answered_on': '2026-12-07'}
    """
    day = (today or dt.date.today()).isoformat()
    if kind == "check_in":
        # An edit keeps the check-in's author and day: who wrote it does not change with a correction.
        kept = before or {}
        author = raw.get("by") or kept.get("by") or person
        if author:
            raw["by"] = author
        raw.setdefault("written_on", kept.get("written_on") or day)
    elif kind == "signal":
        if before is None:
            if person and not raw.get("raised_by"):
                raw["raised_by"] = person
            raw.setdefault("raised_on", day)
        was_open = (before or {}).get("status", "open") == "open"
        if raw.get("status", "open") != "open" and was_open:
            if person:
                raw["answered_by"] = person
            raw["answered_on"] = day
    return raw
