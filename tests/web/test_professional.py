"""The faglig ambition as a document (issue 22, point 4): started by the owner, a part written by the lead,
submitted, approved with its own baseline, and "changed since approval" when its set of initiatives moves."""
from __future__ import annotations

import html

from graph.changeset import ChangeSet, parse_record
from graph.portfolio import PortfolioGraph
from graph.queries.checks import check
from web.editing import forms

PRO = "geri-amb-faglig"


def store_of(app):
    return app.extensions["portfolio"].store


def version(app, item: str) -> int:
    rec = store_of(app).get([item]).get(item)
    return rec.version if rec else 0


def data(app, item: str) -> dict:
    return store_of(app).get([item])[item].data


def test_the_lead_writes_the_part_the_owner_submits_the_steering_group_approves_and_a_new_initiative_shows(editors, login):
    client = login("bjorn")
    assert client.post("/specialty/geri/professional/new").status_code == 303
    assert data(editors, PRO) == {"id": PRO, "ambition": "geri-amb", "status": "draft"}
    assert client.get("/specialty/geri/professional").headers["Location"].endswith(f"/professional-ambition/{PRO}")
    # the lead writes the part of her strength position; another specialty's owner may not
    login("karen")
    assert client.post(f"/professional-ambition/{PRO}/part/geri-hs", data={"aim": "x", "version": "0"}).status_code == 403
    login("eva")
    answer = client.post(f"/professional-ambition/{PRO}/part/geri-hs",
                         data={"aim": "Fælles geriatrisk team i Holbæk", "involvement": "Afdelingerne planlægger sammen", "version": "0"})
    assert answer.status_code == 303
    assert data(editors, f"{PRO}.geri-hs")["aim"] == "Fælles geriatrisk team i Holbæk"
    page = html.unescape(client.get(f"/professional-ambition/{PRO}").get_data(as_text=True))
    part = page.split('id="part-geri-hs"')[1].split("</section>")[0]
    assert "Fælles geriatrisk team i Holbæk" in part and "Fælles undervisning" in part  # geri-i1, under geri-fa1
    # the owner submits, the steering group approves: a baseline of the set of initiatives and their links
    login("bjorn")
    assert client.post(f"/ambition/{PRO}/submit", data={"version": str(version(editors, PRO))}).status_code == 302
    assert data(editors, PRO)["status"] == "submitted"
    login("stina")
    revision = store_of(editors).revision()
    assert client.post(f"/ambition/{PRO}/decision", data={"decision": "approved", "date": "2026-12-10", "reason": "God plan",
                                                          "version": str(version(editors, PRO))}).status_code == 302
    baseline = data(editors, f"{PRO}.baseline.r{revision + 1}")
    assert [i["id"] for i in baseline["content"]["initiatives"]] == ["geri-i1", "reum-i1"]
    assert baseline["content"]["initiatives"][0] == {"id": "geri-i1", "focus_areas": ["geri-fa1"], "strength_position": "geri-hs"}
    assert data(editors, PRO)["status"] == "approved"
    # initiatives stay freely editable: a new status changes nothing approved
    login("eva")
    i1 = dict(forms.form_values("initiative", {**data(editors, "geri-i1"), "status": "done"}))
    i1.pop("id", None)
    i1["version"] = str(version(editors, "geri-i1"))
    assert client.post("/edit/initiative/geri-i1", data=i1).status_code == 302
    assert "Ændret siden godkendelse" not in client.get(f"/professional-ambition/{PRO}").get_data(as_text=True)
    # a new initiative: changed since approval, with the difference
    new = dict(forms.form_values("initiative", {"title": "Geriatrisk udgående team", "focus_areas": ["geri-fa2"],
                                                "strength_position": "geri-hs", "owner": "eva", "status": "planned"}))
    new["version"] = "0"
    assert client.post("/new/initiative", data=new).status_code == 302
    page = client.get(f"/professional-ambition/{PRO}").get_data(as_text=True)
    assert "Ændret siden godkendelse" in page and f"/ambition/{PRO}/changes" in page
    diff = html.unescape(client.get(f"/ambition/{PRO}/changes").get_data(as_text=True))
    assert '<tr class="added">' in diff and "Geriatrisk udgående team" in diff


def test_a_faglig_ambition_submitted_before_its_strategic_ambition_is_approved_is_flagged(editors):
    store = store_of(editors)
    store.apply(ChangeSet([parse_record("professional_ambition", {"id": "reum-faglig", "ambition": "reum-amb", "status": "submitted"},
                                        "test", "bass")]), "test")
    found = [f for f in check(PortfolioGraph.from_store(store), "reum") if f.rule == "professional_before_strategic"]
    assert [(f.element, f.message("da")) for f in found] == [
        ("reum-faglig", "Den faglige ambition er indsendt, men den strategiske ambition er ikke godkendt (Kladde).")]
