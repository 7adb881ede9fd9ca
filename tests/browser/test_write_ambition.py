"""Journey 2 in a real browser, by clicks only: a specialty owner writes the strategic ambition of a
fresh specialty from the situation picture to the submission; then an implementation lead adds an
initiative at their strength position, meeting a validation error and a permission error on the way.

Nothing but the start page is opened by address. Screenshots go to a temporary folder (not to git).
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from graph.changeset import ChangeSet, parse_record
from graph.portfolio import PortfolioGraph
from graph.queries import check
from tests.browser.conftest import PASSWORD

#: The fresh specialty the secretariat has seeded (journey 2's starting point): strength positions, an owner, nothing else.
SEED = [
    ("specialty", {"id": "nefro", "name": "Nefrologi", "phase": "ambition"}),
    ("strength_position", {"id": "nefro-h", "name": "Nefrologi Holbæk", "specialty": "nefro", "sites": ["holb"]}),
    ("strength_position", {"id": "nefro-s", "name": "Nefrologi Slagelse", "specialty": "nefro", "sites": ["slag"]}),
    ("person", {"id": "lone", "name": "Lone Lund", "title": "Vicedirektør"}),
    ("person", {"id": "jens", "name": "Jens Juhl", "title": "Ledende overlæge"}),
    ("role", {"person": "lone", "role": "specialty_owner", "specialty": "nefro"}),
    ("support_offer", {"id": "hr-pakke", "title": "HR-pakke for fastholdelse", "status": "active"}),
]


@pytest.fixture(scope="module")
def seeded(served):
    from web import accounts

    served.store.apply(ChangeSet(upserts=[parse_record(k, d, "seed", "bass") for k, d in SEED]), "mette")
    for username, name in (("lone", "Lone Lund"), ("jens", "Jens Juhl")):
        accounts.add_user(served.app.config["USERS_DB"], username, PASSWORD, person=username, display_name=name)
    return served


@pytest.fixture
def snap(tmp_path):
    """Save full-page screenshots into this test's temporary folder."""
    count = [0]

    def shot(page: Page, step: str) -> None:
        count[0] += 1
        page.screenshot(path=str(tmp_path / f"{count[0]:02d}-{step}.png"), full_page=True)

    shot.folder = tmp_path  # type: ignore[attr-defined]
    return shot


def pick(page: Page, field: str, text: str) -> None:
    """Choose an option of a type-ahead pick list (Tom Select): type part of its text, take the first match."""
    search = page.locator(f"#f-{field}-ts-control")
    search.focus()
    search.press_sequentially(text.split(" (")[0])
    option = page.locator(f"#f-{field}-ts-dropdown .option.active", has_text=text)
    expect(option).to_have_count(1)
    search.press("Enter")
    search.press("Escape")  # close the list, as a person leaves the field
    expect(page.locator(f"#f-{field}-ts-dropdown")).to_be_hidden()
    page.locator("h1").click()


def add(page: Page, section: str, text: str) -> None:
    """Click the add link whose text is ``text`` inside a section of the page."""
    page.locator(f"{section} a.add", has_text=text).first.click()
    expect(page.locator("h1")).to_contain_text("Ny")


def save(page: Page) -> None:
    with page.expect_navigation():
        page.locator("button[name=save]").click()


def saved(page: Page) -> None:
    expect(page.locator(".flashes .flash-saved")).to_have_text("Gemt.")


def test_specialty_owner_writes_the_strategic_ambition_by_clicks(seeded, signed_in, snap):
    page = signed_in("lone")
    page.click('nav a[href="/specialties"]')
    page.click('main a[href="/specialty/nefro"]')
    expect(page.locator("h1")).to_contain_text("Nefrologi")
    snap(page, "fresh-specialty")

    # 1. the situation picture: per site, then for the whole specialty, with figures of a kind
    notes = [
        ("Holbæk Sygehus", "Personalemæssig", "For få nefrologer i Holbæk", [("specialists", "4", "", "Antal"), ("Trivsel", "59", "point", "Score")]),
        ("Slagelse Sygehus", "Faglig", "Dialysen er samlet i Slagelse", [("specialists", "5", "", "Antal"), ("Trivsel", "66", "point", "Score")]),
        (None, "Patient", "Flere patienter med kronisk nyresygdom", []),
        (None, "Organisatorisk", "To matrikler uden fælles visitation", []),
    ]
    for site, perspective, text, figures in notes:
        heading = page.locator("#situation h3", has_text=site or "Hele specialet")
        heading.locator("xpath=following-sibling::p[contains(@class, 'add-links')][1]").locator("a.add").click()
        expect(page.locator("h1")).to_contain_text("Nyt situationsbillede")
        pick(page, "perspective", perspective)
        page.fill("#f-text", text)
        for n, (name, value, unit, kind) in enumerate(figures, start=1):
            page.fill(f"#f-figures-name-{n}", name)
            page.fill(f"#f-figures-value-{n}", value)
            page.fill(f"#f-figures-unit-{n}", unit)
            page.select_option(f"#f-figures-kind-{n}", label=kind)
        if figures and site == "Slagelse Sygehus":
            snap(page, "situation-form")
        save(page)
        saved(page)
    situation = page.locator("#situation")
    expect(page.locator("#situation .totals")).to_have_text("Hele specialet, alle matrikler: Speciallæger: 9")
    expect(situation).to_contain_text("Trivsel: 59 point")
    expect(situation).to_contain_text("Trivsel: 66 point")
    expect(situation).not_to_contain_text("125")
    snap(page, "situation-picture")

    # 2-3. the ambition comes first as a draft, since challenges belong to it
    page.locator("#challenges a.add", has_text="Tilføj strategisk ambition").click()
    page.fill("#f-statement", "Nefrologi i Region Sjælland er ét fagligt fællesskab på to matrikler")
    page.fill("#f-horizon_months", "24")
    save(page)
    saved(page)

    # challenges: per site first, then the whole specialty, each from several perspectives
    challenges = [
        ("Holbæk Sygehus", "Svær rekruttering i Holbæk", {"staff": "Få ansøgere", "professional": "Smalt fagligt miljø"}, None),
        (None, "Ulige adgang til dialyse", {"professional": "Forskellig praksis", "staff": "Stor vagtbyrde",
                                            "organisational": "Ingen fælles visitation"}, None),
    ]
    for site, title, perspectives, _ in challenges:
        heading = page.locator("#challenges h3", has_text=site or "Hele specialet")
        heading.locator("xpath=following-sibling::p[contains(@class, 'add-links')][1]").locator("a.add").click()
        page.fill("#f-title", title)
        for perspective, text in perspectives.items():
            page.fill(f"#f-perspectives-{perspective}", text)
        page.check("input[name=themes][value=recruitment_retention]")
        save(page)
        saved(page)
    snap(page, "challenges")

    # 4. focus areas in order, with the challenges each addresses, then indicators
    for title, sequence, challenge in (
        ("Fælles rekruttering og uddannelse", "Start nu", "Svær rekruttering i Holbæk"),
        ("Fælles visitation til dialyse", "Dernæst", "Ulige adgang til dialyse"),
    ):
        add(page, "#focus-areas", "Tilføj strategisk indsatsområde")
        page.fill("#f-title", title)
        pick(page, "sequence", sequence)
        pick(page, "addresses", challenge)
        save(page)
        saved(page)
    # right after saving, the health checks of the new focus area are shown (it has no indicator yet)
    expect(page.locator(".flash-findings")).to_contain_text("har ingen indikator")
    for focus_area, name, kind in (
        ("Fælles rekruttering og uddannelse", "Besatte speciallægestillinger", "Kvantitativ"),
        ("Fælles visitation til dialyse", "Oplevet sammenhæng i forløbet", "Kvalitativ"),
    ):
        block = page.locator("#focus-areas .focus-area", has_text=focus_area)
        block.locator("a.add", has_text="Tilføj indikator").click()
        page.fill("#f-name", name)
        pick(page, "kind", kind)
        page.fill("#f-baseline", "70")
        page.fill("#f-target", "90")
        save(page)
        saved(page)
    expect(page.locator(".flash-findings")).to_have_count(0)

    # prerequisites: one that needs temporary money, with a reason and the programme's HR package
    add(page, "#ambition", "Tilføj forudsætning")
    page.fill("#f-text", "Midlertidige midler til rekrutteringsforløb")
    pick(page, "kind", "Midlertidige ressourcer")
    pick(page, "enables", "Fælles rekruttering og uddannelse")
    page.fill("textarea[name='reasons.faelles-rekruttering-og-uddannelse']", "Uden forløbene kan vi ikke tiltrække læger")
    pick(page, "draws_on", "HR-pakke")
    snap(page, "prerequisite-form")
    save(page)
    saved(page)

    # 5. the core team: an implementation lead for each strength position
    for position, person in (("Nefrologi Holbæk", "Jens Juhl"), ("Nefrologi Slagelse", "Eva Holm")):
        lead = page.locator("#core-team dt", has_text=position).locator("xpath=following-sibling::dd[1]")
        lead.locator("a.add", has_text="Tilføj implementeringsansvarlig").click()
        pick(page, "person", person)
        save(page)
        saved(page)
        expect(page.locator("#core-team")).to_contain_text(person)
    snap(page, "core-team")

    # 6. a professional initiative under the first focus area, with why it serves it
    block = page.locator("#focus-areas .focus-area", has_text="Fælles rekruttering og uddannelse")
    block.locator("a.add", has_text="Tilføj faglig indsats").click()
    page.fill("#f-title", "Introduktionsforløb for nye nefrologer")
    page.fill("textarea[name='reasons.faelles-rekruttering-og-uddannelse']", "Gode forløb fastholder de nye")
    pick(page, "strength_position", "Nefrologi Holbæk")
    pick(page, "owner", "Jens Juhl")
    page.fill("#f-start", "2026-09-01")
    page.fill("#f-end", "2027-06-30")
    save(page)
    saved(page)

    # 7. submit to the steering group
    page.locator("#ambition button", has_text="Indsend til programstyregruppen").click()
    expect(page.locator(".flashes .flash-submitted")).to_have_text("Indsendt til programstyregruppen.")
    expect(page.locator("#ambition")).to_contain_text("Indsendt")
    snap(page, "submitted")
    # the confirmation is shown once: not again on the next page
    page.click('nav a[href="/specialties"]')
    expect(page.locator(".flashes")).to_have_count(0)

    pg = PortfolioGraph.from_store(seeded.store)
    assert [pg.data(a)["status"] for a in pg.ambitions_of("nefro")] == ["submitted"]
    assert {f.rule for f in check(pg, "nefro")} == {"ambition_not_approved"}
    initiative = "introduktionsforloeb-for-nye-nefrologer"
    assert pg.data(initiative)["reasons"] == {"faelles-rekruttering-og-uddannelse": "Gode forløb fastholder de nye"}
    assert pg.data("midlertidige-midler-til-rekrutteringsforloeb")["draws_on"] == ["hr-pakke"]
    assert sorted(p.name for p in snap.folder.iterdir())[:1] == ["01-fresh-specialty.png"]

    # the trace shows the reason and the support the initiative relies on
    page.click('nav a[href="/specialties"]')
    page.click('main a[href="/specialty/nefro"]')
    page.locator("#focus-areas a", has_text="Introduktionsforløb for nye nefrologer").click()
    chain = page.locator("#chain")
    expect(chain).to_contain_text("Gode forløb fastholder de nye")
    expect(chain).to_contain_text("Uden forløbene kan vi ikke tiltrække læger")
    expect(chain.locator('li[data-kind="support_offer"]')).to_contain_text("HR-pakke for fastholdelse")
    snap(page, "trace")


def test_implementation_lead_adds_an_initiative_and_keeps_input_on_errors(seeded, signed_in, snap):
    # continues the owner's walk above: Eva is the implementation lead of Nefrologi Slagelse now
    page = signed_in("eva")
    page.click('nav a[href="/specialties"]')
    page.click('main a[href="/specialty/nefro"]')
    lead = page.locator("#core-team dt", has_text="Nefrologi Slagelse").locator("xpath=following-sibling::dd[1]")
    lead.locator("a.add", has_text="Tilføj faglig indsats på styrkepositionen").click()
    # the form knows who she is and where she works
    expect(page.locator("#f-owner")).to_have_value("eva")
    expect(page.locator("#f-strength_position")).to_have_value("nefro-s")
    page.fill("#f-title", "Fælles dialyseundervisning i Slagelse")
    page.fill("#f-description", "Undervisning for sygeplejersker")

    # validation: leaving the strength position empty brings the form back, with the input kept
    page.locator("#field-strength_position .clear-button").click()
    save(page)
    expect(page.locator("#f-strength_position-error")).to_contain_text("Vælg den styrkeposition")
    expect(page.locator("#f-title")).to_have_value("Fælles dialyseundervisning i Slagelse")
    expect(page.locator("#f-description")).to_have_value("Undervisning for sygeplejersker")
    snap(page, "lead-validation")

    # permission: an initiative of someone else's at a strength position not hers is refused in the form, the input kept
    pick(page, "strength_position", "Nefrologi Holbæk")
    pick(page, "owner", "Jens Juhl")
    save(page)
    expect(page.locator(".edit-form .error[role=alert]").first).to_contain_text("uden for det, du er ansvarlig for")
    expect(page.locator("#f-title")).to_have_value("Fælles dialyseundervisning i Slagelse")
    expect(page.locator("#f-description")).to_have_value("Undervisning for sygeplejersker")
    snap(page, "lead-permission")

    expect(page.locator("#f-owner")).to_have_value("jens")
    pick(page, "strength_position", "Nefrologi Slagelse")
    pick(page, "owner", "Eva Holm")
    pick(page, "focus_areas", "Fælles visitation til dialyse")
    page.fill("#f-start", "2026-10-01")
    page.fill("#f-end", "2027-03-31")
    save(page)
    expect(page.locator(".flashes .flash-saved")).to_have_text("Gemt.")
    # back where she started, on the specialty's page, with the initiative under its focus area
    expect(page.locator("h1")).to_contain_text("Nefrologi")
    expect(page.locator("#focus-areas")).to_contain_text("Fælles dialyseundervisning i Slagelse")
    snap(page, "lead-saved")
    stored = PortfolioGraph.from_store(seeded.store).data("faelles-dialyseundervisning-i-slagelse")
    assert stored["owner"] == "eva" and stored["strength_position"] == "nefro-s"
    assert stored["focus_areas"] == ["faelles-visitation-til-dialyse"]
