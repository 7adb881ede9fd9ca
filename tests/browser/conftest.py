"""Browser fixtures: the real application served by waitress on 127.0.0.1, and Debian's Chromium.

The browser is never downloaded: the suite drives /usr/bin/chromium (``make browser`` installs the
Debian package) and fails with a clear message when it is missing.
"""
from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from importers.document import changeset_from_document
from tests.conftest import SMALL

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
PASSWORD = "hemmeligt-ord"
#: Accounts of the browser journeys: username -> display name (the username is the person id).
ACCOUNTS = {"mette": "Mette Munk", "eva": "Eva Holm", "karen": "Karen Krog", "stina": "Stina Storm", "bjorn": "Bjørn Berg"}


class Served:
    """A running application: its address and its store."""

    def __init__(self, url: str, app):
        self.url = url
        self.app = app
        self.store = app.extensions["portfolio"].store


def _serve(folder: Path, doc: dict, accounts_: dict[str, str]) -> Iterator[Served]:
    """Serve ``doc`` from a fresh store in ``folder`` with the accounts (username -> name) on a free port."""
    import waitress

    from web import accounts, create_app

    app = create_app(
        {
            "STORE_URL": f"sqlite:///{folder / 'portfolio.db'}",
            "USERS_DB": str(folder / "users.db"),
            "SECRET_KEY": "browser-test-secret",
        }
    )
    app.extensions["portfolio"].store.apply(changeset_from_document(doc, "portfolio.yaml"), "test")
    for username, name in accounts_.items():
        accounts.add_user(folder / "users.db", username, PASSWORD, person=username, display_name=name)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    yield Served(f"http://127.0.0.1:{server.effective_port}", app)
    server.close()
    thread.join(timeout=10)
    app.extensions["portfolio"].store.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Served]:
    """The tracker on a free 127.0.0.1 port (waitress, background thread), holding the small portfolio."""
    doc = copy.deepcopy(SMALL)
    # stina sits in the steering group (the approval journey)
    doc["people"].append({"id": "stina", "name": "Stina Storm", "title": "Direktør"})
    doc["roles"].append({"person": "stina", "role": "steering_group", "programme": "bass"})
    yield from _serve(tmp_path_factory.mktemp("served"), doc, ACCOUNTS)


@pytest.fixture(scope="module")
def demo_served(tmp_path_factory) -> Iterator[Served]:
    """The tracker holding the demo portfolio, with an account for each person of page_kinds.EVERY_ROLE."""
    from tests.browser.page_kinds import EVERY_ROLE
    from tracker.demo import demo_document

    doc = demo_document()
    names = {p["id"]: p["name"] for p in doc["people"]}
    yield from _serve(tmp_path_factory.mktemp("demo"), doc, {u: names[u] for u in EVERY_ROLE})


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium package (make browser); the suite never downloads a browser",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def shots(request):
    """Return a function that saves a screenshot of a page as test-artifacts/browser/<test>-<n>-<step>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    count = [0]

    def shot(page, step: str) -> Path:
        count[0] += 1
        path = ARTIFACTS / f"{request.node.name}-{count[0]:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return shot


@pytest.fixture
def signed_in(browser, served):
    """Return a function that opens a fresh browser context signed in as one of ACCOUNTS, and its page."""
    contexts = []

    def sign_in(username: str):
        context = browser.new_context(locale="da-DK")
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(served.url + "/")
        assert "/login" in page.url
        page.fill("#username", username)
        page.fill("#password", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(served.url + "/")
        return page

    yield sign_in
    for context in contexts:
        context.close()


#: axe-core, installed by ``make test`` (``npm ci --prefix tests/browser``); injected into pages by the
#: tests, never served by the app.
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def viewer_page(browser, demo_served):
    """Return a function (viewer, lang, width, height) -> a page signed in as viewer (None: not signed in).

    One browser context per viewer, language and size, kept for the module; the context's locale
    chooses the language, as a person's browser does. axe-core is added to every document it opens.
    """
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run npm ci --prefix tests/browser (make test does)", pytrace=False)
    pages: dict[tuple, object] = {}
    contexts = []

    def page_for(viewer: str | None, lang: str = "da", width: int = 1366, height: int = 768):
        key = (viewer, lang, width, height)
        if key not in pages:
            context = browser.new_context(
                locale="da-DK" if lang == "da" else "en-GB", viewport={"width": width, "height": height}
            )
            context.set_default_timeout(30_000)
            context.add_init_script(path=str(AXE))
            contexts.append(context)
            page = context.new_page()
            if viewer is not None:
                page.goto(demo_served.url + "/login")
                page.fill("#username", viewer)
                page.fill("#password", PASSWORD)
                page.click("main form button[type=submit]")
                page.wait_for_url(demo_served.url + "/")
            pages[key] = page
        return pages[key]

    yield page_for
    for context in contexts:
        context.close()
