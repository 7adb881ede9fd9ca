"""The ambition document printed by Chromium (page.pdf), read back with pypdf: A4 pages, a running
header on every page, the guidance's order, no health-check list, and a reasonable page count."""
from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from importers.document import changeset_from_document
from tests.browser.conftest import PASSWORD, Served
from tracker.demo import demo_document


@pytest.fixture(scope="module")
def demo_served(tmp_path_factory) -> Iterator[Served]:
    """The tracker holding the demo portfolio, on a free 127.0.0.1 port."""
    import waitress

    from web import accounts, create_app

    folder = tmp_path_factory.mktemp("demo-served")
    app = create_app({"STORE_URL": f"sqlite:///{folder / 'portfolio.db'}", "USERS_DB": str(folder / "users.db"),
                      "SECRET_KEY": "browser-test-secret"})
    app.extensions["portfolio"].store.apply(changeset_from_document(demo_document(), "demo"), "test")
    accounts.add_user(folder / "users.db", "msorensen", PASSWORD, person="msorensen", display_name="Mette Sørensen")
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    yield Served(f"http://127.0.0.1:{server.effective_port}", app)
    server.close()
    thread.join(timeout=10)
    app.extensions["portfolio"].store.close()


def _printed(browser, url: str) -> list[str]:
    context = browser.new_context(locale="da-DK")
    try:
        page = context.new_page()
        page.goto(url)
        if "/login" in page.url:  # the secretariat signs in, then lands on the page it asked for
            page.fill("#username", "msorensen")
            page.fill("#password", PASSWORD)
            page.click("main form button[type=submit]")
            page.wait_for_url(url)
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
    finally:
        context.close()
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    return [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]


def test_the_printed_ambition_document(browser, demo_served):
    pages = _printed(browser, demo_served.url + "/specialty/lunge")
    # short enough for a steering group, long enough to hold everything without clipping
    assert 3 <= len(pages) <= 6, len(pages)  # 5 when this was written; the issue found 8
    for number, text in enumerate(pages, start=1):
        assert "Bæredygtige akutsygehuse og specialer · Lungemedicin · version 1" in text, number
        assert "Godkendt 12. marts 2026 · udskrevet" in text, number
    whole = " ".join(pages)
    at = 0
    for heading in ("1. Situationsbillede", "2. Kerneudfordringer", "3. Ambitionen og dens forudsætninger",
                    "4. Strategiske indsatsområder", "Faglig ambition: faglige indsatser pr. indsatsområde", "Kerneteam"):
        at = whole.find(heading, at)
        assert at >= 0, heading
    for focus_area in ("Robuste faglige miljøer", "Fælles vagtlag og rotation", "Ensartede rehabiliteringsforløb for KOL",
                       "Samlet udredning for søvnapnø"):
        assert focus_area in whole
    for indicator in demo_served.app.extensions["portfolio"].store.load().records:
        if indicator.kind == "indicator" and indicator.id.startswith("lunge-"):
            assert indicator.data["name"] in whole, indicator.id
    assert "Sundhedstjek" not in whole  # the internal check list has its own print
    assert "Udskriv" not in whole and "Hent som Word" not in whole  # no buttons on paper


def test_the_health_checks_print_on_their_own(browser, demo_served):
    pages = _printed(browser, demo_served.url + "/specialty/geri/checks")
    first = pages[0].casefold()
    assert "til programsekretariatet" in first and "sundhedstjek: geriatri" in first
    assert all("· Geriatri ·" in text for text in pages)


def test_the_specialty_status_report_prints_on_a4_with_its_header_on_every_page(browser, demo_served):
    pages = _printed(browser, demo_served.url + "/specialty/geri/status-report?since=2026-01-01")
    assert 1 <= len(pages) <= 6, len(pages)
    for number, text in enumerate(pages, start=1):
        assert "Bæredygtige akutsygehuse og specialer · Geriatri · Statusrapport · perioden 2026-01-01 til" in text, number
    whole = " ".join(pages)
    for heading in ("Statusrapport: Geriatri", "Indsatser efter status", "Hvad der er brug for fra programstyregruppen",
                    "Åbne signaler", "Statusopdateringer i perioden"):
        assert heading in whole, heading
    assert "Udskriv" not in whole and "Hent som Word" not in whole and "Siden (en dato" not in whole  # no controls on paper
