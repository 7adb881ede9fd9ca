"""Approval that holds: decisions with reason, baselines, changed since approval, resubmission, history pages, Min side."""
from __future__ import annotations

from graph.changeset import ChangeSet, parse_record
from web.editing import forms


def store_of(app):
    return app.extensions["portfolio"].store


def data(app, item: str) -> dict:
    return store_of(app).get([item])[item].data


def edit_form(app, kind: str, item: str, **changes) -> dict:
    rec = store_of(app).get([item])[item]
    values = dict(forms.form_values(kind, {**rec.data, **changes}))
    values.pop("id", None)
    values["version"] = str(rec.version)
    return values


def approve(client, app, ambition: str, reason: str, on: str = "2026-05-12"):
    version = store_of(app).get([ambition])[ambition].version
    return client.post(f"/ambition/{ambition}/decision",
                       data={"decision": "approved", "date": on, "meeting": "PSG maj", "reason": reason, "version": str(version)})


def test_approval_keeps_the_decision_and_freezes_a_baseline(editors, login):
    client = login("stina")
    before = store_of(editors).revision()
    assert approve(client, editors, "reum-amb", "Klar og realistisk").status_code == 302
    decision = data(editors, f"reum-amb.decision.r{before + 1}")
    assert decision == {"id": f"reum-amb.decision.r{before + 1}", "ambition": "reum-amb", "outcome": "approved",
                        "decided_on": "2026-05-12", "reason": "Klar og realistisk", "meeting": "PSG maj", "by": "stina",
                        "revision": before}
    baseline = data(editors, f"reum-amb.baseline.r{before + 1}")
    content = baseline["content"]
    assert (baseline["decision"], baseline["revision"], baseline["approved_on"]) == (decision["id"], before, "2026-05-12")
    assert content["ambition"] == {"id": "reum-amb", "specialty": "reum", "statement": "Robust reumatologi", "horizon_months": 12}
    assert [c["id"] for c in content["challenges"]] == ["reum-ch1"]
    assert [p["id"] for p in content["prerequisites"]] == ["reum-pre1"]
    assert [f["id"] for f in content["focus_areas"]] == ["reum-fa1"]
    assert content["indicators"] == [{"id": "reum-ind1", "focus_area": "reum-fa1", "name": "Oplevet faglig trivsel", "kind": "qualitative"}]
    page = client.get("/ambition/reum-amb").get_data(as_text=True)
    assert "Klar og realistisk" in page and "PSG maj" in page
    assert "Ændret siden godkendelse" not in page
    assert 'id="show-approved"' in page


def overview_row(client, specialty: str) -> str:
    page = client.get("/").get_data(as_text=True)
    return page.split(f'<tr id="row-{specialty}">')[1].split("</tr>")[0]


def test_a_change_to_approved_content_shows_the_difference_and_needs_resubmission(editors, login):
    approve(login("stina"), editors, "reum-amb", "Godkendt første gang")
    karen = login("karen")
    # initiatives and readings change freely: still as approved
    assert karen.post("/edit/indicator/reum-ind1/reading",
                      data={"date": "2026-06-01", "value": "3", "version": str(store_of(editors).get(["reum-ind1"])["reum-ind1"].version)}).status_code == 302
    assert "Ændret siden godkendelse" not in karen.get("/ambition/reum-amb").get_data(as_text=True)
    # the owner may not leave "approved" while nothing has changed
    refused = karen.post("/edit/ambition/reum-amb", data=edit_form(editors, "ambition", "reum-amb", status="submitted"))
    assert refused.status_code == 403
    assert karen.post("/ambition/reum-amb/submit", data={"version": "1"}).status_code == 403
    # a change to a focus area
    assert karen.post("/edit/focus_area/reum-fa1", data=edit_form(editors, "focus_area", "reum-fa1", title="Rekruttering og fastholdelse")).status_code == 302
    page = karen.get("/ambition/reum-amb").get_data(as_text=True)
    assert "Ændret siden godkendelse" in page and "/ambition/reum-amb/changes" in page
    assert data(editors, "reum-amb")["status"] == "approved"
    # the overview's row says it too, so the steering group sees it before the meeting
    row = overview_row(karen, "reum")
    assert '<td class="ambition warn"><a href="/ambition/reum-amb">Godkendt</a><br>' in row
    assert '<a class="changed-since" href="/ambition/reum-amb/changes">Ændret siden godkendelse</a>' in row
    diff = karen.get("/ambition/reum-amb/changes").get_data(as_text=True)
    assert '<td class="before">Rekruttering af reumatologer</td><td class="after">Rekruttering og fastholdelse</td>' in diff
    assert "<td>Titel</td>" in diff and "godkendt den 12. maj 2026" in diff  # the field and date as people read them
    approved = karen.get("/ambition/reum-amb/approved").get_data(as_text=True)
    assert "Rekruttering af reumatologer" in approved and "Rekruttering og fastholdelse" not in approved
    # resubmit, approve again
    version = store_of(editors).get(["reum-amb"])["reum-amb"].version
    assert karen.post("/ambition/reum-amb/submit", data={"version": str(version)}).status_code == 302
    assert data(editors, "reum-amb")["status"] == "submitted" and "approved_on" not in data(editors, "reum-amb")
    stina = login("stina")
    assert "reum-amb" in stina.get("/me").get_data(as_text=True).split('id="awaiting-decision"')[1].split("</section>")[0]
    assert approve(stina, editors, "reum-amb", "Godkendt igen", on="2026-06-10").status_code == 302
    page = stina.get("/ambition/reum-amb").get_data(as_text=True)
    assert "Ændret siden godkendelse" not in page
    row = overview_row(stina, "reum")
    assert '<td class="ambition good"><a href="/ambition/reum-amb">Godkendt</a>' in row and "changed-since" not in row  # the follow-up may follow in the cell
    assert page.index("Godkendt igen") < page.index("Godkendt første gang")  # newest decision first
    assert "Rekruttering og fastholdelse" in stina.get("/ambition/reum-amb/approved").get_data(as_text=True)


def test_a_returned_ambition_is_listed_on_the_owners_page_with_the_reason(editors, login):
    stina = login("stina")
    stina.post("/ambition/reum-amb/decision", data={"decision": "returned", "date": "2026-05-12", "reason": "Mangler indikatorer", "version": "1"})
    page = login("karen").get("/me").get_data(as_text=True)
    returned = page.split('id="returned"')[1].split("</section>")[0]
    assert "Robust reumatologi" in returned and "2026-05-12: Mangler indikatorer" in returned


def test_element_history_shows_who_when_and_each_field_before_and_after(editors, login):
    client = login("bjorn")
    client.post("/edit/focus_area/geri-fa2", data=edit_form(editors, "focus_area", "geri-fa2", title="Fælles vagtlag i regionen"))
    page = client.get("/history/geri-fa2").get_data(as_text=True)
    assert page.count('class="card history-entry"') == 2
    assert "Bjørn Berg · r" in page  # the person's name, not the username
    assert '<td>Titel</td><td class="before">Fælles vagtlag</td><td class="after">Fælles vagtlag i regionen</td>' in page
    assert "/history/geri-fa2" in client.get("/focus-area/geri-fa2").get_data(as_text=True)
    store_of(editors).apply(ChangeSet(deletes=["orphan-i"]), "mette")
    gone = client.get("/history/orphan-i").get_data(as_text=True)
    assert "Elementet er slettet." in gone and "Mette Munk" in gone
    assert client.get("/history/no-such-thing").status_code == 404


def test_specialty_changes_since_a_decision_grouped(editors, login):
    before = store_of(editors).revision()
    approve(login("stina"), editors, "geri-amb", "Godkendt")
    client = login("bjorn")
    client.post("/edit/focus_area/geri-fa2", data=edit_form(editors, "focus_area", "geri-fa2", title="Nyt"))
    store_of(editors).apply(ChangeSet([parse_record("challenge", {"id": "geri-ch9", "ambition": "geri-amb", "title": "Ny udfordring"}, "t")]), "bjorn")
    page = client.get(f"/specialty/geri/changes?since=geri-amb.decision.r{before + 1}").get_data(as_text=True)
    added = page.split('id="added"')[1].split("<h2")[0]
    changed = page.split('id="changed"')[1].split("<h2")[0]
    assert "Ny udfordring" in added and "geri-fa2" not in added
    assert "title: Fælles vagtlag → Nyt" in changed
    assert "Godkendt" in page  # the decision itself is among the changes: the ambition's status
    bad = client.get("/specialty/geri/changes?since=snart")
    assert bad.status_code == 400 and "er hverken en dato" in bad.get_data(as_text=True)


def test_a_new_version_carries_the_chosen_items_and_the_old_one_stays(editors, login, revision):
    eva = login("eva")
    assert eva.get("/ambition/geri-amb/new-version").status_code == 403
    client = login("bjorn")
    assert client.get("/ambition/reum-amb/new-version").status_code == 403  # not his specialty
    form = client.get("/ambition/geri-amb/new-version").get_data(as_text=True)
    assert 'value="geri-amb-2"' in form
    old = {r.id: r.data for r in store_of(editors).load().records}
    answer = client.post("/ambition/geri-amb/new-version", data={
        "id": "geri-amb-2028", "statement": "Stærke fællesskaber 2028", "horizon_months": "36",
        "focus_areas": ["geri-fa1"], "indicators": ["geri-ind1"], "initiatives": ["geri-i1", "reum-i1"]})
    assert answer.status_code == 302 and answer.headers["Location"] == "/ambition/geri-amb-2028"
    assert data(editors, "geri-amb-2028") == {"id": "geri-amb-2028", "specialty": "geri", "statement": "Stærke fællesskaber 2028",
                                               "horizon_months": 36, "status": "draft", "previous": "geri-amb"}
    assert data(editors, "geri-amb-2028.geri-fa1") == {
        "id": "geri-amb-2028.geri-fa1", "ambition": "geri-amb-2028", "title": "Robuste faglige miljøer", "sequence": "now",
        "order": 1, "themes": ["strong_environments", "recruitment_retention"], "carried_from": "geri-fa1"}
    ind = data(editors, "geri-amb-2028.geri-ind1")
    assert (ind["focus_area"], ind["carried_from"], "readings" in ind) == ("geri-amb-2028.geri-fa1", "geri-ind1", False)
    assert data(editors, "geri-amb-2028.geri-i1")["focus_areas"] == ["geri-amb-2028.geri-fa1"]
    assert data(editors, "geri-amb-2028.reum-i1")["focus_areas"] == ["geri-amb-2028.geri-fa1"]
    assert store_of(editors).get(["geri-amb-2028.geri-fa2"]) == {}
    # the old version is untouched and links to the new one
    assert all(store_of(editors).get([i])[i].data == d for i, d in old.items())
    page = client.get("/ambition/geri-amb").get_data(as_text=True)
    assert 'href="/ambition/geri-amb-2028"' in page
    assert 'id="previous-version"' in client.get("/ambition/geri-amb-2028").get_data(as_text=True)


def test_a_decision_over_content_changed_meanwhile_is_a_conflict(editors, login, revision):
    """The steering group approves what the store holds: a change after the form was read refuses the decision."""
    stina = login("stina")
    version = store_of(editors).get(["reum-amb"])["reum-amb"].version
    from graph.portfolio import PortfolioGraph
    from web.editing import decisions

    pg = PortfolioGraph.from_store(store_of(editors))  # a graph of its own, as read before karen's change

    real = decisions.fresh_portfolio
    decisions.fresh_portfolio = lambda: pg  # the graph as the decision saw it, before karen's change
    try:
        store_of(editors).apply(ChangeSet([parse_record("focus_area", {**data(editors, "reum-fa1"), "title": "Ændret imens"}, "t")]), "karen")
        before = revision()
        answer = stina.post("/ambition/reum-amb/decision", data={"decision": "approved", "date": "2026-05-12", "reason": "OK",
                                                                "version": str(version)})
    finally:
        decisions.fresh_portfolio = real
    assert answer.status_code == 409
    assert "karen har ændret" in answer.get_data(as_text=True)
    assert revision() == before


def test_an_ambition_imported_as_approved_says_its_content_was_not_kept_until_the_approval_is_recorded(editors, login):
    stored = store_of(editors).get(["reum-amb"])["reum-amb"]
    imported = dict(stored.data, status="approved", approved_on="2025-06-01")
    store_of(editors).apply(ChangeSet([parse_record("ambition", imported, "test", stored.programme)]), "import")
    karen = login("karen")
    page = karen.get("/ambition/reum-amb").get_data(as_text=True)
    assert "Godkendt, men det godkendte indhold er ikke gemt" in page
    assert "Styregruppen kan registrere godkendelsen for at gemme det, der er godkendt nu." in page
    stina = login("stina")
    assert '<a href="/ambition/reum-amb/decision">Registrér godkendelsen' in stina.get("/ambition/reum-amb").get_data(as_text=True)
    assert approve(stina, editors, "reum-amb", "Godkendelsen fra juni registreret", on="2025-06-01").status_code == 302
    page = stina.get("/ambition/reum-amb").get_data(as_text=True)
    assert 'id="no-baseline"' not in page and 'id="show-approved"' in page
    karen = login("karen")
    assert karen.post("/edit/focus_area/reum-fa1", data=edit_form(editors, "focus_area", "reum-fa1", title="Nyt navn")).status_code == 302
    assert "Ændret siden godkendelse" in karen.get("/ambition/reum-amb").get_data(as_text=True)
