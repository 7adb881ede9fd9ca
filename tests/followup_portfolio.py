"""A small hand-built portfolio for the follow-up tests (issue 21): the test portfolio SMALL with a core-team
member, an HR package, a second geri initiative past its end, check-ins, an overdue indicator and signals.

On TODAY (2026-11-16): geri-i1's latest check-in is October's (on track); geri-i2 checked in for
November at risk, asking for the HR package; bjorn's own check-in on geri-fa1 says on track;
geri-ind1 was last read in June and is due every three months.
"""
from __future__ import annotations

import copy
import datetime as dt

from graph.portfolio import PortfolioGraph
from importers.document import changeset_from_document
from tests.conftest import SMALL

TODAY = dt.date(2026, 11, 16)


def followup_document() -> dict:
    doc = copy.deepcopy(SMALL)
    doc["people"].append({"id": "kira", "name": "Kira Kerne", "email": "kira@example.org"})
    doc["roles"].append({"person": "kira", "role": "core_team", "specialty": "geri"})
    doc["support_offers"] = [{"id": "hr", "title": "HR-pakke", "owner": "karen", "status": "approved"}]
    doc["indicators"][0]["reading_frequency_months"] = 3
    doc["initiatives"].append(
        {"id": "geri-i2", "title": "Nattevagter på tværs", "focus_areas": ["geri-fa1"], "strength_position": "geri-hs",
         "owner": "eva", "status": "in_progress", "start": "2026-01-01", "end": "2026-10-31"}
    )
    doc["check_ins"] = [
        {"id": "ci1", "subject": "geri-i1", "period": "2026-10-01", "status": "on_track", "next": "Flere hold i november", "by": "eva"},
        {"id": "ci2", "subject": "geri-i2", "period": "2026-11-02", "status": "at_risk", "happened": "Vagtplan klar",
         "needed": "HR-pakken er ikke kommet", "needs": ["hr"], "by": "eva"},
        {"id": "ci3", "subject": "geri-fa1", "period": "2026-11-05", "status": "on_track", "by": "bjorn"},
    ]
    doc["signals"] = [
        {"id": "sig1", "subject": "geri-fa1", "text": "Nattevagterne dækkes ikke", "kind": "barrier", "raised_by": "kira",
         "raised_on": "2026-11-10"},
        {"id": "sig2", "subject": "geri-i2", "text": "Hvornår starter undervisningen?", "kind": "question", "status": "answered",
         "raised_by": "kira", "raised_on": "2026-10-01", "answer": "I januar", "answered_by": "eva", "answered_on": "2026-10-03"},
    ]
    return doc


def followup_graph() -> PortfolioGraph:
    return PortfolioGraph(changeset_from_document(followup_document(), "followup.yaml").upserts)
