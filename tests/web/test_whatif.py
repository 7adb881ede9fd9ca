"""What if it fails (issue 23): marking a prerequisite not met or a support offer withdrawn, the flags it
raises on what depends on it, their re-confirmation, the rights, and the health check that counts them."""
from __future__ import annotations

import re

import pytest

from graph.changeset import ChangeSet, parse_record
from graph.queries import check
from graph.queries.suspects import open_reconfirmations
from tests.web.test_impact_pages import impact_app, web  # noqa: F401  (the shared fixtures)


def _as(client, person: str) -> None:
    """Sign ``client`` in as the account of ``person`` (tests/web/conftest.py's EDITORS), as a reverse proxy would."""
    client.environ_base["HTTP_X_TEST_USER"] = person


def _graph(app):
    return app.extensions["portfolio"].current()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.mark.parametrize("person", ["eva", "olga"])  # a lead who does not own the specialty; someone with no role
def test_without_the_right_marking_is_403_and_writes_nothing(impact_app, web, person):
    store = impact_app.extensions["portfolio"].store
    before = store.revision()
    answer = web.post("/what-if/geri-pre1/fail")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]  # not signed in: sent to sign in
    _as(web, person)
    assert web.post("/what-if/geri-pre1/fail").status_code == 403
    assert web.post("/what-if/geri-pre1/restore").status_code == 403
    assert store.revision() == before
    assert _graph(impact_app).data("geri-pre1")["status"] == "agreed"
    assert "Markér som ikke opfyldt" not in web.get("/prerequisite/geri-pre1").get_data(as_text=True)
    _as(web, "bjorn")  # bjorn owns geri, not the HR package (karen does)
    assert web.post("/what-if/hr/fail").status_code == 403
    assert store.revision() == before


def test_the_secretariat_marks_a_prerequisite_not_met_and_everything_depending_on_it_is_flagged(impact_app, web):
    page = _text(web.get("/prerequisite/geri-pre1").get_data(as_text=True))
    assert "Hvad hvis den ikke bliver opfyldt? 2 indsatsområder og 2 faglige indsatser ville komme i risiko" in page
    _as(web, "karen")
    assert "Markér som ikke opfyldt" in web.get("/prerequisite/geri-pre1").get_data(as_text=True)
    answer = web.post("/what-if/geri-pre1/fail")
    assert answer.status_code == 302
    pg = _graph(impact_app)
    assert pg.data("geri-pre1")["status"] == "not_met"
    flagged = {pg.data(s)["subject"]: s for s in open_reconfirmations(pg, cause="geri-pre1")}
    assert set(flagged) == {"geri-fa1", "reum-fa1", "geri-i1", "lung-i1"}
    assert all(pg.data(s)["raised_by"] == "karen" for s in flagged.values())
    page = _text(web.get("/prerequisite/geri-pre1").get_data(as_text=True))
    assert "Markeret som ikke opfyldt. 4 indsatsområder og faglige indsatser er stadig til genbekræftelse." in page
    # on the initiative's page (its trace) and in its lead's follow-up list
    _as(web, "eva")
    ini = web.get("/initiative/geri-i1").get_data(as_text=True)
    assert "Til genbekræftelse Forudsætning markeret som ikke opfyldt: Fælles vagtlag . Holder dette stadig?" in _text(ini)
    assert 'value="holds"' in ini and 'value="must_change"' in ini
    followup = _text(web.get("/me/followup").get_data(as_text=True))
    assert "Til genbekræftelse (Forudsætning ikke opfyldt: Fælles vagtlag)" in followup
    # the health check counts what is left per specialty
    found = [(f.specialty, f.rule, f.text_da) for f in check(pg) if f.rule == "unconfirmed"]
    assert [(s, r) for s, r, _ in found] == [("geri", "unconfirmed"), ("lung", "unconfirmed"), ("reum", "unconfirmed")]
    assert found[0][2].startswith("2 indsatsområder og faglige indsatser er til genbekræftelse")


def test_the_lead_reconfirms_and_the_flag_goes_with_the_answer_kept(impact_app, web):
    _as(web, "karen")
    web.post("/what-if/geri-pre1/fail")
    signal = open_reconfirmations(_graph(impact_app), "geri-i1")[0]
    _as(web, "bjorn")
    assert web.post(f"/reconfirm/{signal}", data={"verdict": "holds"}).status_code == 302  # the specialty owner may answer too
    pg = _graph(impact_app)
    assert pg.data(signal)["status"] == "answered" and pg.data(signal)["verdict"] == "holds"
    assert "Til genbekræftelse" not in web.get("/initiative/geri-i1").get_data(as_text=True)
    other = open_reconfirmations(pg, "geri-fa1")[0]
    _as(web, "olga")  # no role: answering is the element's owner's, leads' and the secretariat's, as for any signal
    assert web.post(f"/reconfirm/{other}", data={"verdict": "must_change", "note": "Ny plan"}).status_code == 403
    assert open_reconfirmations(_graph(impact_app), "geri-fa1") == [other]
    _as(web, "bjorn")
    web.post(f"/reconfirm/{other}", data={"verdict": "must_change", "note": "Vi finder en anden vej"})
    pg = _graph(impact_app)
    assert (pg.data(other)["verdict"], pg.data(other)["answer"], pg.data(other)["answered_by"]) == (
        "must_change", "Vi finder en anden vej", "bjorn")
    history = impact_app.extensions["portfolio"].store.history(other)
    assert [c.after.get("status") if c.after else None for c in history][-2:] == ["open", "answered"]
    assert web.post(f"/reconfirm/{other}", data={"verdict": "perhaps"}).status_code == 400


def test_met_again_closes_what_is_still_open(impact_app, web):
    _as(web, "karen")
    web.post("/what-if/geri-pre1/fail")
    web.post("/what-if/geri-pre1/restore")
    pg = _graph(impact_app)
    assert pg.data("geri-pre1")["status"] == "met"
    assert open_reconfirmations(pg) == []
    assert [f for f in check(pg) if f.rule == "unconfirmed"] == []


def test_the_owner_of_a_support_offer_withdraws_it(impact_app, web):
    store = impact_app.extensions["portfolio"].store
    pg = _graph(impact_app)
    offer = dict(pg.element_json("hr"), owner="bjorn")
    store.apply(ChangeSet([parse_record("support_offer", offer, "test", "bass")]), "test")
    _as(web, "bjorn")
    page = _text(web.get("/support-offer/hr").get_data(as_text=True))
    assert "Hvad hvis det bliver trukket tilbage? 3 indsatsområder og 3 faglige indsatser ville komme i risiko" in page
    assert web.post("/what-if/hr/fail").status_code == 302
    pg = _graph(impact_app)
    assert pg.data("hr")["status"] == "withdrawn"
    assert {pg.data(s)["subject"] for s in open_reconfirmations(pg, cause="hr")} == {
        "geri-fa1", "geri-fa2", "reum-fa1", "geri-i1", "lung-i1", "reum-i1"}
