"""The rights matrix of the follow-up kinds (issue 21): status check-ins and signals from practice, for
every role, own specialty A (geri) / other specialty B (reum) / both, through the HTML forms and the
JSON API. Allowed writes change the store; refused ones answer 403 with the store exactly as it was.

Written out by hand: a check-in is the lead's for initiatives at their strength position, the owner's
for the focus areas and the ambition, the secretariat's everywhere; never the core team's. A signal
is raised by anyone with a role in the specialty (core team included) and answered by its owner or
lead.
"""
from __future__ import annotations

import pytest

from graph.changeset import ChangeSet, parse_record
from tests.web.test_rights_matrix import (  # noqa: F401  (matrix: the shared fixture)
    ENVIRON,
    ROLES,
    W,
    api_request,
    html_request,
    matrix,
    snapshot,
)

O, L, S, K = "owner_A", "lead_A", "secretariat", "core_team"
CHECK = {"period": "2026-11-01", "status": "at_risk", "happened": "HR-pakken er ikke kommet"}

WRITES = [
    W("check-in on initiative", "own", {O, L, S}, "check_in", None, {"id": "n-ci", "subject": "geri-i1", **CHECK}),
    W("check-in on initiative", "other", {S}, "check_in", None, {"id": "n-ci", "subject": "reum-i9", **CHECK}),
    W("check-in on initiative spanning both", "both", {S}, "check_in", None, {"id": "n-ci", "subject": "reum-i1", **CHECK}),
    W("check-in on focus area", "own", {O, S}, "check_in", None, {"id": "n-ci", "subject": "geri-fa1", **CHECK}),
    W("check-in on focus area", "other", {S}, "check_in", None, {"id": "n-ci", "subject": "reum-fa1", **CHECK}),
    W("check-in on ambition", "own", {O, S}, "check_in", None, {"id": "n-ci", "subject": "geri-amb", **CHECK}),
    W("check-in on ambition", "other", {S}, "check_in", None, {"id": "n-ci", "subject": "reum-amb", **CHECK}),
    W("edit check-in", "own", {O, L, S}, "check_in", "geri-ci1", {"status": "off_track"}),
    W("move check-in", "own->other", {S}, "check_in", "geri-ci1", {"subject": "reum-i9"}),
    W("delete check-in", "own", {O, L, S}, "check_in", "geri-ci1"),
    W("raise signal", "own", {K, O, L, S}, "signal", None, {"id": "n-sig", "subject": "geri-fa1", "text": "Nattevagter mangler"}),
    W("raise signal (bjorn sits in reum's core team)", "other", {O, S}, "signal", None, {"id": "n-sig", "subject": "reum-fa1", "text": "Nattevagter mangler"}),
    W("raise signal already answered", "own", {O, L, S}, "signal", None,
      {"id": "n-sig", "subject": "geri-fa1", "text": "Nattevagter", "status": "answered", "answer": "Løst"}),
    W("answer signal", "own", {O, L, S}, "signal", "geri-sig1", {"status": "answered", "answer": "Vi flytter en stilling"}),
    W("answer signal", "other", {S}, "signal", "reum-sig1", {"status": "answered", "answer": "Nej"}),
    W("delete signal", "own", {O, L, S}, "signal", "geri-sig1"),
    W("programme's reporting rhythm", "programme", {S}, "programme", "bass", {"reporting_rhythm": "quarterly"}),
]
CASES = [(role, w, via) for w in WRITES for role in ROLES for via in ("html", "api")]


@pytest.fixture
def followup(matrix):
    """The matrix app with one check-in on geri's initiative and an open signal in each specialty."""
    raw = [
        ("check_in", {"id": "geri-ci1", "subject": "geri-i1", "period": "2026-10-01", "status": "on_track", "by": "eva"}),
        ("signal", {"id": "geri-sig1", "subject": "geri-fa1", "text": "Nattevagter", "raised_by": "kira"}),
        ("signal", {"id": "reum-sig1", "subject": "reum-fa1", "text": "Få ansøgere"}),
    ]
    matrix.extensions["portfolio"].store.apply(ChangeSet([parse_record(k, d, "test", "bass") for k, d in raw]), "test")
    return matrix


@pytest.mark.parametrize(("role", "write", "via"), CASES, ids=[f"{via}-{w.name}-{w.target}-{role}" for role, w, via in CASES])
def test_every_role_every_follow_up_write(followup, client, role, write, via):
    client.environ_base[ENVIRON] = ROLES[role]
    before = snapshot(followup)
    answer = (html_request if via == "html" else api_request)(client, followup, write)
    if role in write.allowed:
        assert answer.status_code in ((302,) if via == "html" else (200, 201)), answer.get_data(as_text=True)[:500]
        assert snapshot(followup)[0] == before[0] + 1
    else:
        assert answer.status_code == 403, answer.get_data(as_text=True)[:500]
        assert snapshot(followup) == before


def test_the_form_stamps_author_and_day_and_the_audit_names_them(followup, client):
    client.environ_base[ENVIRON] = "eva"
    answer = client.post("/new/check_in", data={"subject": "geri-i1", "period": "2026-11-03", "status": "at_risk",
                                                "needed": "HR-pakken", "version": "0"})
    assert answer.status_code == 302
    store = followup.extensions["portfolio"].store
    rec = store.get(["geri-i1-status-2026-11"])["geri-i1-status-2026-11"]
    assert rec.data["by"] == "eva" and rec.data["status"] == "at_risk" and rec.data["needed"] == "HR-pakken"
    assert "written_on" in rec.data
    entry = store.audit(item="geri-i1-status-2026-11")[0]
    assert entry.actor == "eva"


@pytest.mark.parametrize(("data", "message"), [
    ({"subject": "nowhere", "period": "2026-11-01", "status": "on_track"}, "'nowhere'"),
    ({"subject": "geri-i1", "period": "2999-01-01", "status": "on_track"}, "2999-01-01"),
    ({"subject": "geri-i1", "period": "2026-11-01", "status": "fine"}, "'fine'"),
])
def test_bad_check_ins_are_refused_with_the_value_quoted_and_nothing_written(followup, client, data, message):
    client.environ_base[ENVIRON] = "mette"
    before = snapshot(followup)
    answer = client.put("/api/v1/check_ins/bad", json={"version": 0, "item": {"id": "bad", **data}})
    assert answer.status_code in (400, 403)
    if answer.status_code == 400:
        assert message in answer.get_json()["error"]["message"]
    assert snapshot(followup) == before
