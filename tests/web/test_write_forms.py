"""Writing the ambition in the browser, request by request: add links for those who may use them,
pre-filled forms, readable ids, input kept on every refusal, confirmations shown once, the health
checks of the element, figures that are summed only when they may be, reasons and support offers."""
from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

from graph.changeset import ChangeSet, parse_record
from graph.portfolio import PortfolioGraph
from graph.queries import trace
from web.editing import forms
from web.editing.prefill import prefill


def stored(app, item: str):
    return app.extensions["portfolio"].store.get([item]).get(item)


def add_links(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="add no-print" href="([^"]+)">([^<]+)</a>', page)


# -- readable ids --------------------------------------------------------------------------------


def test_slugs_spell_danish_letters_out_and_drop_the_rest():
    assert forms.slug("Færre akutte genindlæggelser på Næstved") == "faerre-akutte-genindlaeggelser-paa-naestved"
    assert forms.slug("Øget trivsel & rekruttering!") == "oeget-trivsel-rekruttering"
    assert forms.slug("ÆBLE Å Ø") == "aeble-aa-oe"
    assert forms.slug("»«") == "item"


def test_new_ids_get_a_number_on_collision(small_graph: PortfolioGraph):
    assert forms.new_id(small_graph, "focus_area", {"title": "Løs idé"}) == "loes-ide"
    assert forms.new_id(small_graph, "site", {"name": "Holb"}) == "holb-2"


def test_only_the_secretariat_sees_and_sets_the_id(editors, login):
    page = login("karen").get("/new/challenge?specialty=reum").get_data(as_text=True)
    assert 'name="id"' not in page
    login("karen").post("/new/challenge", data={"ambition": "reum-amb", "title": "Ventetid på første besøg", "id": "mit-id", "version": "0"})
    assert stored(editors, "ventetid-paa-foerste-besoeg") is not None and stored(editors, "mit-id") is None
    page = login("mette").get("/new/challenge?specialty=reum").get_data(as_text=True)
    assert '<details class="advanced"><summary>Avanceret</summary>' in page and 'name="id"' in page


# -- pre-filled from where the user came -------------------------------------------------------------


def test_prefill_takes_the_place_and_the_specialty_s_ambition(small_graph):
    assert prefill("challenge", MultiDict({"specialty": "geri", "site": "holb", "next": "/x"}), small_graph) == {
        "site": "holb", "ambition": "geri-amb",
    }
    assert prefill("indicator", MultiDict({"focus_area": "geri-fa2"}), small_graph) == {"focus_area": "geri-fa2"}
    assert prefill("prerequisite", MultiDict({"focus_area": "geri-fa2", "ambition": "geri-amb"}), small_graph) == {
        "enables": ["geri-fa2"], "ambition": "geri-amb",
    }
    assert prefill("role", MultiDict({"role": "implementation_lead", "strength_position": "reum-h"}), small_graph) == {
        "role": "implementation_lead", "strength_position": "reum-h",
    }


def test_prefill_makes_a_lead_the_owner_at_their_strength_position(small_graph):
    assert prefill("initiative", MultiDict({"focus_area": "geri-fa2"}), small_graph, "eva", {"geri-hs"}) == {
        "focus_areas": ["geri-fa2"], "owner": "eva", "strength_position": "geri-hs",
    }
    # not where the focus area's specialty has no strength position of theirs, and never for a non-lead
    assert prefill("initiative", MultiDict({"focus_area": "reum-fa1"}), small_graph, "eva", {"geri-hs"}) == {
        "focus_areas": ["reum-fa1"], "owner": "eva",
    }
    assert prefill("initiative", MultiDict({"focus_area": "reum-fa1"}), small_graph, "karen", set()) == {"focus_areas": ["reum-fa1"]}


def test_the_form_opens_pre_filled(editors, login):
    page = login("eva").get("/new/initiative?focus_area=geri-fa2&next=/specialty/geri").get_data(as_text=True)
    assert '<option value="eva" selected>Eva Holm</option>' in page
    assert '<option value="geri-hs" selected>Geriatri Holbæk-Slagelse</option>' in page
    assert '<option value="geri-fa2" selected>Fælles vagtlag</option>' in page
    assert '<input type="hidden" name="next" value="/specialty/geri">' in page


# -- add, edit and delete links ----------------------------------------------------------------------


def test_add_links_follow_the_rights(editors, login):
    owner = add_links(login("karen").get("/specialty/reum").get_data(as_text=True))
    texts = [t for _, t in owner]
    assert "Tilføj situationsbillede" in texts and "Tilføj kerneudfordring" in texts
    assert {"Tilføj forudsætning", "Tilføj strategisk indsatsområde", "Tilføj indikator", "Tilføj faglig indsats"} <= set(texts)
    assert {"Tilføj implementeringsansvarlig", "Tilføj kerneteammedlem"} <= set(texts)
    assert "Tilføj specialeejer" not in texts  # the secretariat appoints the owner
    assert "/new/situation?specialty=reum&amp;site=holb&amp;next=%2Fspecialty%2Freum%23situation" in [h for h, _ in owner]
    # the owner of another specialty reads, but adds nothing here
    assert add_links(login("bjorn").get("/specialty/reum").get_data(as_text=True)) == []
    # the implementation lead adds initiatives at their strength position only
    lead = [t for _, t in add_links(login("eva").get("/specialty/geri").get_data(as_text=True))]
    assert set(lead) == {"Tilføj faglig indsats", "Tilføj faglig indsats på styrkepositionen"}
    assert "Tilføj specialeejer" in [t for _, t in add_links(login("mette").get("/specialty/reum").get_data(as_text=True))]


def test_edit_and_delete_sit_beside_the_element_not_in_its_heading(editors, login):
    page = login("karen").get("/specialty/reum").get_data(as_text=True)
    assert '<h4><a href="/challenge/reum-ch1">Rekruttering</a></h4>' in page
    assert ('<span class="element-actions no-print"><a class="edit" href="/edit/challenge/reum-ch1?next=%2Fspecialty%2Freum%23challenges">'
            'Rediger</a> <a class="delete" href="/delete/challenge/reum-ch1?next=%2Fspecialty%2Freum%23challenges">Slet</a></span>') in page


def test_a_specialty_owner_appoints_the_core_team(editors, login):
    client = login("karen")
    answer = client.post("/new/role", data={"person": "eva", "role": "implementation_lead", "target": "reum-h", "version": "0",
                                            "next": "/specialty/reum#core-team"})
    assert answer.status_code == 302 and answer.headers["Location"] == "/specialty/reum#core-team"
    assert stored(editors, "role~eva~implementation_lead~reum-h") is not None
    # but not the specialty owner, nor a lead of another specialty's strength position
    answer = client.post("/new/role", data={"person": "eva", "role": "specialty_owner", "target": "reum", "version": "0"})
    assert answer.status_code == 403 and 'value="eva" selected' in answer.get_data(as_text=True)
    answer = client.post("/new/role", data={"person": "eva", "role": "implementation_lead", "target": "geri-hs", "version": "0"})
    assert answer.status_code == 403


# -- errors keep the input ------------------------------------------------------------------------------


def test_a_lead_without_owner_or_place_gets_the_form_back_with_the_input(editors, login, revision):
    before = revision()
    answer = login("eva").post("/new/initiative", data={"title": "Ny indsats", "description": "Mine noter", "focus_areas": "geri-fa2",
                                                        "version": "0"})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 403  # as filled in, it is not hers: the form says what would make it so
    assert "Vælg en ejer: som implementeringsansvarlig" in page
    assert "Vælg den styrkeposition (eller matrikel)" in page
    assert 'value="Ny indsats"' in page and ">Mine noter</textarea>" in page
    assert revision() == before


def test_a_permission_error_shows_the_form_again_with_the_input(editors, login, revision):
    before = revision()
    answer = login("eva").post("/new/initiative", data={"title": "Andres indsats", "owner": "karen", "strength_position": "reum-h",
                                                        "version": "0"})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 403
    assert "Du kan ikke gemme denne faglig indsats, som den er udfyldt" in page
    assert 'value="Andres indsats"' in page and '<option value="reum-h" selected>' in page
    assert revision() == before


# -- confirmations and health checks ----------------------------------------------------------------------


def test_saved_is_shown_once_with_the_element_s_health_checks(editors, login):
    client = login("karen")
    answer = client.post("/new/focus_area", data={"ambition": "reum-amb", "title": "Fælles visitation", "version": "0",
                                                  "next": "/specialty/reum#focus-areas"})
    assert answer.headers["Location"] == "/specialty/reum#focus-areas"
    page = client.get("/specialty/reum").get_data(as_text=True)
    flashes = page[page.index('<div class="flashes no-print" role="status">'):page.index("</main>")].split("</div>\n</div>")[0]
    assert '<p class="notice flash-saved">Gemt.</p>' in flashes
    assert "<li>Indsatsområdet &#34;Fælles visitation&#34; adresserer ingen kerneudfordring.</li>" in flashes
    assert "<li>Indsatsområdet &#34;Fælles visitation&#34; har ingen indikator.</li>" in flashes
    assert "flashes" not in client.get("/specialty/reum").get_data(as_text=True)
    # the form of the element shows the same checks
    form = client.get("/edit/focus_area/faelles-visitation").get_data(as_text=True)
    assert "Sundhedstjek for dette element:" in form and "har ingen indikator." in form


def test_submit_to_the_steering_group(editors, login):
    client = login("karen")
    page = client.get("/specialty/reum").get_data(as_text=True)
    assert "Indsend til programstyregruppen</button>" in page
    version = stored(editors, "reum-amb").version
    answer = client.post("/ambition/reum-amb/submit", data={"version": str(version), "next": "/specialty/reum#ambition"})
    assert answer.headers["Location"] == "/specialty/reum#ambition"
    assert stored(editors, "reum-amb").data["status"] == "submitted"
    page = client.get("/specialty/reum").get_data(as_text=True)
    assert '<p class="notice flash-submitted">Indsendt til programstyregruppen.</p>' in page
    assert "Indsend til programstyregruppen</button>" not in page
    assert login("bjorn").post("/ambition/reum-amb/submit", data={"version": "9"}).status_code == 403


# -- figures --------------------------------------------------------------------------------------------


def test_figures_have_unit_and_kind_and_only_counts_are_summed(editors, login):
    client = login("karen")
    for site, wellbeing in (("holb", "59"), ("slag", "66")):
        answer = client.post("/new/situation", data=MultiDict([
            ("specialty", "reum"), ("site", site), ("perspective", "staff"), ("version", "0"),
            ("figures.name", "specialists"), ("figures.value", "4"), ("figures.unit", ""), ("figures.kind", "count"),
            ("figures.name", "Trivsel"), ("figures.value", wellbeing), ("figures.unit", "point"), ("figures.kind", "score"),
            ("figures.name", ""), ("figures.value", ""), ("figures.unit", ""), ("figures.kind", "count"),
        ]))
        assert answer.status_code == 302, answer.get_data(as_text=True)
    note = [r for r in editors.extensions["portfolio"].current().records("situation") if r.data.get("site") == "slag"][0]
    assert note.data["figures"] == {"specialists": 4, "Trivsel": {"value": 66, "unit": "point", "kind": "score"}}
    page = client.get("/specialty/reum").get_data(as_text=True)
    totals = re.sub(r"<[^>]+>", "", page[page.index('<p class="totals">'):].split("</p>")[0])
    assert totals == "Hele specialet, alle matrikler: Speciallæger: 8"
    assert "Trivsel: <strong>59 point</strong>" in page and "Trivsel: <strong>66 point</strong>" in page
    assert "125" not in page


def test_figure_rows_round_trip_through_the_form():
    values = forms.form_values("situation", {"figures": {"beds": 12, "Trivsel": {"value": 59.0, "unit": "point", "kind": "score"}}})
    assert values["figures.name"] == ["beds", "Trivsel", "", "", ""]
    assert values["figures.value"] == ["12", "59", "", "", ""]
    assert values["figures.kind"] == ["count", "score", "", "", ""]


# -- reasons and support offers ---------------------------------------------------------------------------


def test_a_reason_on_a_link_is_stored_and_shown_on_the_trace(editors, login):
    client = login("bjorn")
    answer = client.post("/new/initiative", data={
        "title": "Geriatrisk udgående team", "focus_areas": "geri-fa2", "reasons.geri-fa2": "Teamet bærer vagtlaget",
        "reasons.geri-fa1": "ikke valgt, så ikke gemt", "strength_position": "geri-hs", "owner": "eva", "version": "0",
    })
    assert answer.status_code == 302
    assert stored(editors, "geriatrisk-udgaaende-team").data["reasons"] == {"geri-fa2": "Teamet bærer vagtlaget"}
    pg = editors.extensions["portfolio"].current()
    assert trace(pg, "geriatrisk-udgaaende-team").reasons == [("geriatrisk-udgaaende-team", "geri-fa2", "Teamet bærer vagtlaget")]
    page = client.get("/initiative/geriatrisk-udgaaende-team").get_data(as_text=True)
    assert '<p class="link-reason"><span class="muted">Hvorfor:</span> Teamet bærer vagtlaget</p>' in page


def test_support_offers_pages_trace_and_api(editors, login):
    client = login("mette")
    answer = client.post("/new/support_offer", data={"title": "HR-pakke", "status": "active", "owner": "mette", "version": "0"})
    assert answer.headers["Location"] == "/support-offer/hr-pakke"
    for kind, item in (("prerequisite", "geri-pre1"), ("initiative", "reum-i1")):
        data = dict(stored(editors, item).data, draws_on=["hr-pakke"])
        if kind == "prerequisite":
            data["reasons"] = {"geri-fa1": "Pakken betaler kurserne"}
        editors.extensions["portfolio"].store.apply(ChangeSet(upserts=[parse_record(kind, data, "t", "bass")]), "t")
    page = client.get("/support-offer/hr-pakke").get_data(as_text=True)
    assert re.findall(r'<h3><a href="/specialty/(\w+)">', page) == ["geri", "reum"]
    assert '<a href="/prerequisite/geri-pre1">' in page and '<a href="/initiative/reum-i1">' in page
    listing = client.get("/support-offers").get_data(as_text=True)
    assert '<a href="/support-offer/hr-pakke">HR-pakke</a>' in listing
    body = client.get("/api/v1/trace/geri-i1").get_json()
    assert [s["id"] for s in body["support_offers"]] == ["hr-pakke"]
    assert body["reasons"] == [{"from": "geri-pre1", "to": "geri-fa1", "reason": "Pakken betaler kurserne"}]
    assert client.get("/api/v1/support_offers/hr-pakke").get_json()["data"] == {
        "id": "hr-pakke", "title": "HR-pakke", "owner": "mette", "status": "active",
    }
    # only the secretariat creates support offers
    assert login("karen").get("/new/support_offer").status_code == 403


def test_english_is_complete_on_the_writing_links(editors, login):
    client = login("karen")
    texts = [t for _, t in add_links(client.get("/specialty/reum?lang=en").get_data(as_text=True))]
    assert {"Add situation picture", "Add core challenge", "Add prerequisite", "Add strategic focus area", "Add indicator",
            "Add initiative", "Add implementation lead", "Add core-team member"} <= set(texts)
    page = client.get("/specialty/reum").get_data(as_text=True)
    assert "Submit to the steering group</button>" in page


def test_docstring_examples_of_the_writing_modules():
    import doctest

    from web.editing import checks, figures, ids
    from web.editing import prefill as prefill_module

    for module in (checks, figures, ids, prefill_module):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__


def test_a_reason_on_a_support_link_survives_an_edit_of_the_form(editors, login):
    from graph.changeset import parse_record as parse

    store = editors.extensions["portfolio"].store
    offer = parse("support_offer", {"id": "hr", "title": "HR-pakke"}, "t", "bass")
    pre = dict(stored(editors, "geri-pre1").data, draws_on=["hr"], reasons={"hr": "Pakken betaler", "geri-fa1": "Kurser"})
    store.apply(ChangeSet(upserts=[offer, parse("prerequisite", pre, "t", "bass")]), "t")
    data = dict(forms.form_values("prerequisite", stored(editors, "geri-pre1").data))
    reasons = data.pop("reasons")
    assert reasons == {"hr": "Pakken betaler", "geri-fa1": "Kurser"}
    form = MultiDict([(k, x) for k, v in data.items() for x in (v if isinstance(v, list) else [v])])
    form.add("reasons.geri-fa1", "Kurser i geriatri")
    form["version"] = str(stored(editors, "geri-pre1").version)
    assert login("bjorn").post("/edit/prerequisite/geri-pre1", data=form).status_code == 302
    assert stored(editors, "geri-pre1").data["reasons"] == {"hr": "Pakken betaler", "geri-fa1": "Kurser i geriatri"}
