"""The rights as a matrix: every role x every write x target (own specialty A = geri, other specialty B =
reum, programme), through the HTML forms and the JSON API. Allowed writes change the store; refused ones
answer 403 with the store exactly as it was.

The expectations are written out by hand (they are the rules of web/rights.py, not computed from it).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

import pytest

from graph.changeset import ChangeSet, parse_record
from graph.models import MODEL_BY_KIND
from tests.conftest import SMALL
from web.editing import forms

#: role -> the person (or account name) acting in it. bjorn is also in reum's core team: that gives nothing.
ROLES = {"none": "olga", "core_team": "kira", "lead_A": "eva", "owner_A": "bjorn", "secretariat": "mette", "steering": "stina"}
O, L, S, G = "owner_A", "lead_A", "secretariat", "steering"
HEADER = "X-Test-User"
ENVIRON = "HTTP_X_TEST_USER"


@dataclass(frozen=True)
class Write:
    """One write: ``item`` None creates ``data``; ``data`` None deletes ``item``; else ``data`` changes ``item``."""

    name: str
    target: str  # "own", "other", "own->other", "other->own", "both", "programme"
    allowed: frozenset[str]
    kind: str
    item: str | None
    data: dict | None = field(default=None, hash=False)


def W(name: str, target: str, allowed: set[str], kind: str, item: str | None, data: dict | None = None) -> Write:
    return Write(name, target, frozenset(allowed), kind, item, data)


WRITES = [
    W("edit ambition", "own", {O, S}, "ambition", "geri-amb", {"statement": "Ny formulering"}),
    W("edit ambition", "other", {S}, "ambition", "reum-amb", {"statement": "Ny formulering"}),
    W("approve ambition by editing", "other", set(), "ambition", "reum-amb", {"status": "approved", "approved_on": "2026-05-01"}),
    W("create situation", "own", {O, S}, "situation", None, {"id": "n-sit", "specialty": "geri", "perspective": "patient", "text": "T"}),
    W("create situation", "other", {S}, "situation", None, {"id": "n-sit", "specialty": "reum", "perspective": "patient", "text": "T"}),
    W("edit situation", "own", {O, S}, "situation", "geri-sit1", {"text": "Ny tekst"}),
    W("edit situation", "other", {S}, "situation", "reum-sit1", {"text": "Ny tekst"}),
    W("delete situation", "own", {O, S}, "situation", "geri-sit1"),
    W("delete situation", "other", {S}, "situation", "reum-sit1"),
    W("create challenge", "own", {O, S}, "challenge", None, {"id": "n-ch", "ambition": "geri-amb", "title": "Ny"}),
    W("create challenge", "other", {S}, "challenge", None, {"id": "n-ch", "ambition": "reum-amb", "title": "Ny"}),
    W("edit challenge", "own", {O, S}, "challenge", "geri-ch2", {"title": "Ny titel"}),
    W("edit challenge", "other", {S}, "challenge", "reum-ch1", {"title": "Ny titel"}),
    W("move challenge", "own->other", {S}, "challenge", "geri-ch2", {"ambition": "reum-amb"}),
    W("delete challenge", "own", {O, S}, "challenge", "geri-ch2"),
    W("create prerequisite", "own", {O, S}, "prerequisite", None, {"id": "n-pre", "ambition": "geri-amb", "text": "Penge"}),
    W("create prerequisite", "other", {S}, "prerequisite", None, {"id": "n-pre", "ambition": "reum-amb", "text": "Penge"}),
    W("edit prerequisite", "own", {O, S}, "prerequisite", "geri-pre1", {"status": "met"}),
    W("edit prerequisite", "other", {S}, "prerequisite", "reum-pre1", {"status": "met"}),
    W("prerequisite enabling another's focus area", "both", {S}, "prerequisite", "geri-pre1", {"enables": ["geri-fa1", "reum-fa1"]}),
    W("delete prerequisite", "own", {O, S}, "prerequisite", "geri-pre2"),
    W("delete prerequisite", "other", {S}, "prerequisite", "reum-pre1"),
    W("create focus area", "own", {O, S}, "focus_area", None, {"id": "n-fa", "ambition": "geri-amb", "title": "Ny"}),
    W("create focus area", "other", {S}, "focus_area", None, {"id": "n-fa", "ambition": "reum-amb", "title": "Ny"}),
    W("edit focus area", "own", {O, S}, "focus_area", "geri-fa2", {"title": "Ny titel"}),
    W("edit focus area", "other", {S}, "focus_area", "reum-fa1", {"title": "Ny titel"}),
    W("move focus area", "own->other", {S}, "focus_area", "geri-fa9", {"ambition": "reum-amb"}),
    W("move focus area", "other->own", {S}, "focus_area", "reum-fa9", {"ambition": "geri-amb"}),
    W("delete focus area", "own", {O, S}, "focus_area", "geri-fa9"),
    W("delete focus area", "other", {S}, "focus_area", "reum-fa9"),
    W("create indicator", "own", {O, S}, "indicator", None, {"id": "n-ind", "focus_area": "geri-fa2", "name": "Ny"}),
    W("create indicator", "other", {S}, "indicator", None, {"id": "n-ind", "focus_area": "reum-fa1", "name": "Ny"}),
    W("edit indicator", "own", {O, S}, "indicator", "geri-ind1", {"target": 95}),
    W("edit indicator", "other", {S}, "indicator", "reum-ind1", {"name": "Nyt navn"}),
    W("move indicator", "own->other", {S}, "indicator", "geri-ind1", {"focus_area": "reum-fa1"}),
    W("delete indicator", "own", {O, S}, "indicator", "geri-ind1"),
    W("delete indicator", "other", {S}, "indicator", "reum-ind1"),
    W("create initiative", "own", {O, L, S}, "initiative", None,  # a lead's form asks for owner and place (issue 9)
      {"id": "n-i", "title": "Ny", "strength_position": "geri-hs", "focus_areas": ["geri-fa1"], "owner": "eva"}),
    W("create initiative", "other", {S}, "initiative", None,
      {"id": "n-i", "title": "Ny", "strength_position": "reum-h", "focus_areas": ["reum-fa1"]}),
    W("create initiative at own position serving another's focus area", "both", {S}, "initiative", None,
      {"id": "n-i", "title": "Ny", "strength_position": "geri-hs", "focus_areas": ["reum-fa1"]}),
    W("create initiative in another specialty, owner = self (the exploit)", "other", {S}, "initiative", None,
      {"id": "n-i", "title": "Ny", "focus_areas": ["reum-fa1"], "owner": "kira"}),
    W("edit initiative", "own", {O, L, S}, "initiative", "geri-i1", {"title": "Ny titel"}),
    W("edit initiative", "other", {S}, "initiative", "reum-i9", {"title": "Ny titel"}),
    W("edit initiative one owns that touches another specialty", "both", {S}, "initiative", "reum-i1", {"title": "Ny titel"}),
    W("move initiative", "own->other", {S}, "initiative", "geri-i9", {"focus_areas": ["reum-fa1"]}),
    W("move initiative", "other->own", {S}, "initiative", "reum-i9", {"strength_position": "geri-hs", "focus_areas": ["geri-fa1"]}),
    W("delete initiative", "own", {O, L, S}, "initiative", "geri-i9"),
    W("delete initiative", "other", {S}, "initiative", "reum-i9"),
    W("edit strength position", "own", {O, S}, "strength_position", "geri-hs", {"name": "Nyt navn"}),
    W("edit strength position", "other", {S}, "strength_position", "reum-h", {"name": "Nyt navn"}),
    W("create site", "programme", {S}, "site", None, {"id": "koge", "name": "Køge"}),
    W("create person", "programme", {S}, "person", None, {"id": "lars", "name": "Lars"}),
    W("create specialty", "programme", {S}, "specialty", None, {"id": "lunge", "name": "Lungemedicin"}),
    # the owner puts the core team together (issue 9)
    W("create role", "own", {O, S}, "role", None, {"person": "karen", "role": "core_team", "specialty": "geri"}),
    W("create role", "other", {S}, "role", None, {"person": "kira", "role": "specialty_owner", "specialty": "reum"}),
    W("delete role", "own", {O, S}, "role", "role~kira~core_team~geri"),
    W("delete role", "other", {S}, "role", "role~karen~specialty_owner~reum"),
]
#: Kinds without an HTML form: the API only.
API_ONLY = [
    W("create support offer", "programme", {S}, "support_offer", None, {"id": "hr", "title": "HR-pakke"}),
    W("link initiatives of two specialties", "both", {S}, "synergy_link", None, {"id": "l1", "source": "geri-i1", "target": "reum-i9"}),
    # the steering group's meetings are prepared by the secretariat alone (issue 22)
    W("create meeting", "programme", {S}, "meeting", None, {"id": "m1", "programme": "bass", "date": "2026-12-10"}),
    W("edit meeting", "programme", {S}, "meeting", "m0", {"place": "Sorø"}),
    W("create agenda item", "other", {S}, "agenda_item", None, {"id": "m0.2", "meeting": "m0", "order": 2, "subject": "geri-amb"}),
    W("delete agenda item", "other", {S}, "agenda_item", "m0.1"),
]


@pytest.fixture
def matrix(editors):
    """The editors' app with a core-team member (kira), unreferenced items in both specialties, and proxy sign-in."""
    editors.config["TRUST_PROXY_USER_HEADER"] = HEADER
    store = editors.extensions["portfolio"].store
    raw = [
        ("person", {"id": "kira", "name": "Kira Kerne"}),
        ("role", {"person": "kira", "role": "core_team", "specialty": "geri"}),
        ("focus_area", {"id": "geri-fa9", "ambition": "geri-amb", "title": "Ekstra"}),
        ("focus_area", {"id": "reum-fa9", "ambition": "reum-amb", "title": "Ekstra"}),
        ("initiative", {"id": "geri-i9", "title": "G9", "strength_position": "geri-hs", "focus_areas": ["geri-fa1"]}),
        ("initiative", {"id": "reum-i9", "title": "R9", "strength_position": "reum-h", "focus_areas": ["reum-fa1"]}),
        ("situation", {"id": "reum-sit1", "specialty": "reum", "perspective": "patient", "text": "Lange forløb"}),
        ("meeting", {"id": "m0", "programme": "bass", "date": "2026-01-15", "chair": "stina"}),
        ("agenda_item", {"id": "m0.1", "meeting": "m0", "order": 1, "subject": "reum-amb"}),
    ]
    store.apply(ChangeSet([parse_record(k, d, "test", "bass") for k, d in raw]), "test")
    return editors


def snapshot(app) -> tuple[int, dict]:
    snap = app.extensions["portfolio"].store.load()
    return snap.revision, {r.id: (r.data, r.version) for r in snap.records}


def after_data(app, w: Write) -> tuple[dict, int]:
    """The item as the write proposes it, and the version the writer read."""
    if w.item is None:
        return dict(w.data or {}), 0
    rec = app.extensions["portfolio"].store.get([w.item])[w.item]
    return {**rec.data, **(w.data or {})}, rec.version


def html_request(client, app, w: Write):
    data, version = after_data(app, w)
    if w.data is None:
        return client.post(f"/delete/{w.kind}/{w.item}", data={"version": str(version)})
    form = forms.form_values(w.kind, data)
    if w.item is not None:
        form.pop("id", None)
    form["version"] = str(version)
    url = f"/edit/{w.kind}/{w.item}" if w.item else f"/new/{w.kind}"
    return client.post(url, data=form)


def api_request(client, app, w: Write):
    section = MODEL_BY_KIND[w.kind].section
    data, version = after_data(app, w)
    if w.data is None:
        return client.delete(f"/api/v1/{section}/{w.item}?version={version}")
    item_id = w.item or parse_record(w.kind, data, "t").id
    return client.put(f"/api/v1/{section}/{item_id}", json={"version": version, "item": data})


#: Roles the matrix also runs signed in through the real OpenID Connect provider (issue 26), not only by the proxy header.
OIDC_ROLES = ("lead_A",)
CASES = [(role, w, via, "proxy") for w in WRITES for role in ROLES for via in ("html", "api")]
CASES += [(role, w, "api", "proxy") for w in API_ONLY for role in ROLES]
CASES += [(role, w, via, "oidc") for w in WRITES for role in OIDC_ROLES for via in ("html", "api")]


def act_as(request, app, client, role: str, kind: str) -> None:
    """Sign ``client`` in as the role's person: by the trusted proxy header, or with the provider (its e-mail given first)."""
    if kind == "proxy":
        client.environ_base[ENVIRON] = ROLES[role]
        return
    from tests.oidc_support import EMAILS, give_emails, oidc_config, provider_sign_in

    app.config.update(oidc_config(request.getfixturevalue("oidc_provider"), request.getfixturevalue("oidc_client")))
    person = ROLES[role]
    give_emails(app.extensions["portfolio"].store, {person: EMAILS[person]})
    assert provider_sign_in(client, EMAILS[person]).status_code == 302


@pytest.mark.parametrize(("role", "write", "via", "kind"), CASES,
                         ids=[f"{via}-{w.name}-{w.target}-{role}{'-oidc' if kind == 'oidc' else ''}" for role, w, via, kind in CASES])
def test_every_role_every_write_every_target(request, matrix, client, role, write, via, kind):
    act_as(request, matrix, client, role, kind)
    before = snapshot(matrix)
    answer = (html_request if via == "html" else api_request)(client, matrix, write)
    if role in write.allowed:
        assert answer.status_code in ((302,) if via == "html" else (200, 201)), answer.get_data(as_text=True)[:500]
        assert snapshot(matrix)[0] == before[0] + 1
    else:
        assert answer.status_code == 403, answer.get_data(as_text=True)[:500]
        assert snapshot(matrix) == before


READINGS = [("own", "geri-ind1", {O, L, S}), ("other", "reum-ind1", {S})]


@pytest.mark.parametrize(("role", "target", "indicator", "allowed"),
                         [(r, t, i, a) for t, i, a in READINGS for r in ROLES])
@pytest.mark.parametrize("via", ["html", "api"])
def test_readings_need_the_right_on_the_indicators_specialty(matrix, client, role, target, indicator, allowed, via):
    client.environ_base[ENVIRON] = ROLES[role]
    before = snapshot(matrix)
    rec = matrix.extensions["portfolio"].store.get([indicator])[indicator]
    if via == "html":
        answer = client.post(f"/edit/indicator/{indicator}/reading",
                             data={"date": "2026-07-01", "value": "80", "version": str(rec.version)})
        ok = (302,)
    else:
        item = {**rec.data, "readings": rec.data.get("readings", []) + [{"date": "2026-07-01", "value": 80}]}
        answer = client.put(f"/api/v1/indicators/{indicator}", json={"version": rec.version, "item": item})
        ok = (200,)
    if role in allowed:
        assert answer.status_code in ok
        assert snapshot(matrix)[0] == before[0] + 1
    else:
        assert answer.status_code == 403
        assert snapshot(matrix) == before


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize(("target", "ambition"), [("own", "geri-amb"), ("other", "reum-amb")])
def test_only_the_steering_group_decides(matrix, client, role, target, ambition):
    client.environ_base[ENVIRON] = ROLES[role]
    before = snapshot(matrix)
    version = matrix.extensions["portfolio"].store.get([ambition])[ambition].version
    answer = client.post(f"/ambition/{ambition}/decision",
                         data={"decision": "returned", "date": "2026-05-01", "reason": "Mangler", "version": str(version)})
    if role == G:
        assert answer.status_code == 302
        assert snapshot(matrix)[0] == before[0] + 1
    else:
        assert answer.status_code == 403
        assert snapshot(matrix) == before


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("section", ["decisions", "baselines"])
def test_decisions_and_baselines_are_written_by_nobody_through_the_api(matrix, client, role, section):
    client.environ_base[ENVIRON] = ROLES[role]
    before = snapshot(matrix)
    item = ({"id": "x", "ambition": "reum-amb", "outcome": "approved", "decided_on": "2026-05-01", "reason": "Forfalsket"}
            if section == "decisions" else
            {"id": "x", "ambition": "reum-amb", "revision": 1, "approved_on": "2026-05-01", "content": {}})
    answer = client.put(f"/api/v1/{section}/x", json={"version": 0, "item": item})
    assert answer.status_code == 403
    assert snapshot(matrix) == before


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("via", ["html", "api"])
def test_only_the_secretariat_imports(matrix, client, role, via):
    client.environ_base[ENVIRON] = ROLES[role]
    before = snapshot(matrix)
    doc = copy.deepcopy(SMALL)
    doc["sites"][0]["name"] = "Holbæk Sygehus (nyt navn)"
    if via == "api":
        answer = client.post("/api/v1/import", json=doc)
        ok, changes = 200, 1
    else:
        import io
        import json
        answer = client.post("/upload", data={"file": (io.BytesIO(json.dumps(doc).encode()), "p.json")},
                             content_type="multipart/form-data")
        ok, changes = 200, 0  # the upload shows a preview; nothing is written before confirming
    if role == S:
        assert answer.status_code == ok, answer.get_data(as_text=True)[:500]
        assert snapshot(matrix)[0] == before[0] + changes
    else:
        assert answer.status_code == 403
        assert snapshot(matrix) == before


def test_the_exploit_from_the_issue_answers_403_with_nothing_written(matrix, client):
    """A core-team member PUTs a new initiative into another specialty's focus area with themselves as owner."""
    client.environ_base[ENVIRON] = "kira"
    before = snapshot(matrix)
    answer = client.put("/api/v1/initiatives/sneaky", json={"version": 0, "item": {
        "id": "sneaky", "title": "Snigende", "focus_areas": ["reum-fa1"], "owner": "kira"}})
    assert answer.status_code == 403
    assert answer.get_json()["error"]["code"] == "forbidden"
    assert snapshot(matrix) == before
    # and a lead cannot move their own initiative into another specialty, then read its indicators
    client.environ_base[ENVIRON] = "eva"
    rec = matrix.extensions["portfolio"].store.get(["geri-i1"])["geri-i1"]
    moved = {**rec.data, "focus_areas": ["reum-fa1"]}
    assert client.put("/api/v1/initiatives/geri-i1", json={"version": rec.version, "item": moved}).status_code == 403
    assert client.post("/edit/indicator/reum-ind1/reading", data={"date": "2026-07-01", "value": "1", "version": "1"}).status_code == 403
    assert snapshot(matrix) == before


def _approved_with_baseline(app, ambition: str) -> None:
    """Approve an ambition through the steering group's own flow, so it has a baseline."""
    from types import SimpleNamespace

    from web.editing.decisions import decision_records

    pg = app.extensions["portfolio"].current()
    records = decision_records(pg, pg.record(ambition), SimpleNamespace(username="stina", person="stina"),
                               "approved", "2026-05-01", "", "Godkendt", pg.revision, "da")
    app.extensions["portfolio"].store.apply(ChangeSet(records), "stina")


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize(("target", "ambition", "allowed"), [("own", "geri-amb", {O, S}), ("other", "reum-amb", {S})])
def test_resubmitting_a_changed_ambition(matrix, client, role, target, ambition, allowed):
    _approved_with_baseline(matrix, ambition)
    store = matrix.extensions["portfolio"].store
    fa = "geri-fa2" if ambition == "geri-amb" else "reum-fa1"
    store.apply(ChangeSet([parse_record("focus_area", {**store.get([fa])[fa].data, "title": "Ændret"}, "t")]), "test")
    client.environ_base[ENVIRON] = ROLES[role]
    before = snapshot(matrix)
    version = store.get([ambition])[ambition].version
    answer = client.post(f"/ambition/{ambition}/submit", data={"version": str(version)})
    if role in allowed:
        assert answer.status_code == 302
        assert store.get([ambition])[ambition].data["status"] == "submitted"
    else:
        assert answer.status_code == 403
        assert snapshot(matrix) == before


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize(("target", "ambition", "allowed"), [("own", "geri-amb", {O, S}), ("other", "reum-amb", {S})])
def test_making_a_new_version(matrix, client, role, target, ambition, allowed):
    _approved_with_baseline(matrix, ambition)
    client.environ_base[ENVIRON] = ROLES[role]
    before = snapshot(matrix)
    fa = "geri-fa1" if ambition == "geri-amb" else "reum-fa1"
    answer = client.post(f"/ambition/{ambition}/new-version",
                         data={"id": "ny-udgave", "statement": "Ny", "focus_areas": [fa], "indicators": [], "initiatives": []})
    if role in allowed:
        assert answer.status_code == 302
        assert snapshot(matrix)[0] == before[0] + 1
    else:
        assert answer.status_code == 403
        assert snapshot(matrix) == before


@pytest.mark.parametrize("role", list(ROLES))
def test_confirming_an_upload(matrix, client, role):
    """Only the secretariat uploads; a token from its preview confirms nothing for anyone else."""
    import io
    import json

    client.environ_base[ENVIRON] = "mette"
    doc = copy.deepcopy(SMALL)
    doc["sites"][0]["name"] = "Holbæk (bekræftet)"
    preview = client.post("/upload", data={"file": (io.BytesIO(json.dumps(doc).encode()), "p.json")},
                          content_type="multipart/form-data")
    assert preview.status_code == 200
    with client.session_transaction() as sess:
        token = sess["uploads"][-1]
    client.environ_base[ENVIRON] = ROLES[role]
    before = snapshot(matrix)
    answer = client.post(f"/upload/{token}", data={"action": "confirm"})
    if role == S:
        assert answer.status_code == 302
        assert snapshot(matrix)[0] == before[0] + 1
    else:
        assert answer.status_code == 403
        assert snapshot(matrix) == before


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("via", ["meeting", "ambition"])
def test_at_a_held_meeting_the_secretariat_records_the_steering_groups_decision(matrix, client, role, via):
    """On an item of a held meeting's agenda the secretariat (on behalf) and the steering group record the
    decision; outside a meeting only the steering group decides, as before."""
    client.environ_base[ENVIRON] = ROLES[role]
    before = snapshot(matrix)
    if via == "meeting":
        answer = client.post("/meeting/m0/item/m0.1/decision", data={"outcome": "returned", "reason": "Mangler"})
        allowed, ok = {S, G}, 303
    else:
        version = matrix.extensions["portfolio"].store.get(["reum-amb"])["reum-amb"].version
        answer = client.post("/ambition/reum-amb/decision",
                             data={"decision": "returned", "date": "2026-05-01", "reason": "Mangler", "version": str(version)})
        allowed, ok = {G}, 302
    if role in allowed:
        assert answer.status_code == ok, answer.get_data(as_text=True)[:500]
        assert snapshot(matrix)[0] == before[0] + 1
    else:
        assert answer.status_code == 403
        assert snapshot(matrix) == before
