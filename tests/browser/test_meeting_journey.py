"""Journey 1 by clicks in Chromium (issue 22): Mette of the secretariat prepares and holds a steering-group
meeting on the demo portfolio. She creates the meeting, lets "Dagsorden" propose the agenda, orders it,
opens the overview filtered to the agenda, prints the meeting pack as one PDF and downloads it as Word;
at the meeting she records each decision with its reason: the approved ambition gets its baseline, the
returned one its reason, the agreed prerequisite its status, and the minutes are ready."""
from __future__ import annotations

import datetime as dt
import io
import re
import threading
from collections.abc import Iterator

import docx
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from graph.changeset import ChangeSet, parse_record
from importers.document import changeset_from_document
from tests.browser.conftest import PASSWORD, Served
from tracker.demo import demo_document

TODAY = dt.date.today().isoformat()
MEETING = f"bass-{TODAY}"


@pytest.fixture(scope="module")
def demo_served(tmp_path_factory) -> Iterator[Served]:
    """The tracker holding the demo portfolio (geriatrics' ambition submitted too), on a free 127.0.0.1 port."""
    import waitress

    from web import accounts, create_app

    folder = tmp_path_factory.mktemp("meeting-served")
    app = create_app({"STORE_URL": f"sqlite:///{folder / 'portfolio.db'}", "USERS_DB": str(folder / "users.db"),
                      "SECRET_KEY": "browser-test-secret"})
    store = app.extensions["portfolio"].store
    store.apply(changeset_from_document(demo_document(), "demo"), "test")
    geri = dict(store.get(["geri-amb"])["geri-amb"].data, status="submitted")  # Bjørn submitted it last week
    store.apply(ChangeSet([parse_record("ambition", geri, "test", "bass")]), "test")
    accounts.add_user(folder / "users.db", "msorensen", PASSWORD, person="msorensen", display_name="Mette Sørensen")
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    yield Served(f"http://127.0.0.1:{server.effective_port}", app)
    server.close()
    thread.join(timeout=10)
    store.close()


def _item(page, text: str):
    return page.locator("li.agenda-item", has_text=text)


def _post(page, locator) -> None:
    """Click a button that posts a form, and wait for the page it lands on."""
    with page.expect_navigation():
        locator.click()


def _agenda(page) -> list[str]:
    return [t.strip() for t in page.locator("li.agenda-item > h3 > a, li.agenda-item > h3").evaluate_all(
        "els => els.filter(e => e.tagName === 'H3').map(e => (e.querySelector('a') || e).textContent)")]


def test_journey_1_the_secretariat_prepares_and_holds_a_meeting(browser, demo_served, shots):
    context = browser.new_context(locale="da-DK", accept_downloads=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(demo_served.url + "/login")
    page.fill("#username", "msorensen")
    page.fill("#password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(demo_served.url + "/")

    # Monday: the meeting, created from the list of meetings
    page.click('nav a[href="/meetings"]')
    page.fill("#m-title", "Programstyregruppemøde torsdag")
    page.fill("#m-place", "Regionshuset, Sorø")
    page.select_option("#m-chair", "agram")
    page.click("#create-meeting")
    page.wait_for_url(f"{demo_served.url}/meeting/{MEETING}")
    expect(page.locator("#no-agenda")).to_be_visible()
    # "Dagsorden" proposes what is submitted or awaits a decision, in the programme's order
    expect(page.locator("#proposed li")).to_have_count(6)
    _post(page, page.locator("#propose-agenda"))
    expect(page.locator("li.agenda-item")).to_have_count(6)
    assert _agenda(page) == ["Midlertidig projektsygeplejerske til rehabiliteringsforløb", "Statusrapport: Lungemedicin",
                             "Strategisk ambition: Reumatologi", "Strategisk ambition: Geriatri", "Faglig ambition: Kardiologi",
                             "Statusrapport: Kardiologi"]
    # she orders it: the two ambitions first
    for _ in range(2):
        _post(page, _item(page, "Strategisk ambition: Reumatologi").locator("button", has_text="Flyt op"))
    for _ in range(2):
        _post(page, _item(page, "Strategisk ambition: Geriatri").locator("button", has_text="Flyt op"))
    expect(page.locator("li.agenda-item").first).to_contain_text("Strategisk ambition: Reumatologi")
    assert _agenda(page)[:2] == ["Strategisk ambition: Reumatologi", "Strategisk ambition: Geriatri"]
    shots(page, "dagsorden")

    # the overview filtered to the agenda
    page.click("#overview-of-agenda")
    rows = page.locator("table.coverage tbody tr")
    expect(rows).to_have_count(4)
    assert sorted(r.split("-", 1)[1] for r in rows.evaluate_all("els => els.map(e => e.id)")) == ["geri", "kard", "lunge", "reum"]
    page.go_back()

    # the meeting pack: one document, printed as one PDF on A4, and the same as Word
    page.click("#meeting-pack")
    expect(page.locator("#contents li")).to_have_count(6)
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    box = pdf.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    text = [re.sub(r"\s+", " ", p.extract_text()) for p in pdf.pages]
    assert len(text) > 5 and "MØDEMAPPE" in text[0] and "Dagsorden" in text[0]
    assert all(f"{n} / {len(text)}" in t for n, t in enumerate(text, start=1))  # numbered pages
    whole = " ".join(text)
    starts = [whole.index(f"{n}. {t}") for n, t in enumerate(["Strategisk ambition: Reumatologi", "Strategisk ambition: Geriatri"], 1)]
    assert starts == sorted(starts)
    with page.expect_download() as download:
        page.click("#pack-docx")
    word = docx.Document(download.value.path())
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Dagsorden" and headings[1:3] == ["1. Strategisk ambition: Reumatologi", "2. Strategisk ambition: Geriatri"]
    assert len(headings) == 7
    page.click("text=Tilbage til mødet")

    # Thursday: each decision as the meeting takes it, with the reason
    decisions = [("Strategisk ambition: Reumatologi", "approved", "Klar sammenhæng fra udfordringer til indsatsområder"),
                 ("Strategisk ambition: Geriatri", "returned", "Indsatsområderne mangler indikatorer; genindsendes i marts"),
                 ("Midlertidig projektsygeplejerske", "agreed", "Finansieres af transformationspuljen"),
                 ("Faglig ambition: Kardiologi", "approved", "Følger de strategiske indsatsområder"),
                 ("Statusrapport: Lungemedicin", "noted", "Taget til efterretning"),
                 ("Statusrapport: Kardiologi", "noted", "Taget til efterretning")]
    for text, outcome, reason in decisions:
        item = _item(page, text)
        item.locator(f'input[name=outcome][value="{outcome}"]').check()
        item.locator("textarea[name=reason]").fill(reason)
        _post(page, item.locator("button", has_text="Gem beslutning"))
        expect(_item(page, text).locator(".decision")).to_contain_text(reason)
    expect(page.locator(".decision")).to_have_count(6)
    expect(page.locator(".decision").first).to_contain_text("På vegne af programstyregruppen")
    expect(page.locator(".decision").first).to_contain_text("Anette Gram")
    shots(page, "referat")
    with page.expect_download() as minutes:
        page.click("#minutes-docx")
    lines = [p.text for p in docx.Document(minutes.value.path()).paragraphs]
    assert "Beslutning: Godkendt. Klar sammenhæng fra udfordringer til indsatsområder" in lines

    # the approved ambition has its baseline, the returned one its reason, the prerequisite its status
    _item(page, "Strategisk ambition: Reumatologi").locator("h3 a").click()
    expect(page.locator("#show-approved")).to_be_visible()
    expect(page.locator("#decisions")).to_contain_text("Klar sammenhæng")
    page.goto(demo_served.url + "/ambition/geri-amb")
    expect(page.locator("#decisions")).to_contain_text("Indsatsområderne mangler indikatorer")
    expect(page.locator("#decisions")).to_contain_text("Sendt retur")
    page.goto(demo_served.url + "/prerequisite/lunge-pre3")
    expect(page.locator("main")).to_contain_text("Aftalt")
    store = demo_served.store
    assert store.get(["lunge-pre3"])["lunge-pre3"].data["status"] == "agreed"
    assert store.get(["reum-amb"])["reum-amb"].data["status"] == "approved"
    assert store.get(["geri-amb"])["geri-amb"].data["status"] == "returned"
    assert store.get(["kard-amb-faglig"])["kard-amb-faglig"].data["status"] == "approved"
    context.close()
