"""Sign-in with the region's identity provider in Chromium, against the real provider the tests start (issue 26).

A lead signs in with her work account and sees Min side with her initiatives, signs out (here and
at the provider), and someone whose e-mail is not in the portfolio is refused with the page that
names the secretariat. Every step is a real HTTP exchange between the browser, the tracker
(waitress on 127.0.0.1) and the provider (Node oidc-provider on 127.0.0.1).
"""
from __future__ import annotations

import copy
import threading
from collections.abc import Iterator

import pytest

from importers.document import changeset_from_document
from tests.browser.conftest import Served
from tests.conftest import SMALL
from tests.oidc_support import PASSWORD, give_emails, oidc_config


@pytest.fixture(scope="module")
def served_oidc(tmp_path_factory, oidc_provider) -> Iterator[Served]:
    """The tracker on a free port with only the provider's sign-in (no password form), registered at the provider."""
    import waitress

    from web import create_app

    folder = tmp_path_factory.mktemp("served-oidc")
    app = create_app({"STORE_URL": f"sqlite:///{folder / 'portfolio.db'}", "USERS_DB": str(folder / "users.db"),
                      "SECRET_KEY": "browser-oidc-secret"})
    store = app.extensions["portfolio"].store
    store.apply(changeset_from_document(copy.deepcopy(SMALL), "small.yaml"), "test")
    give_emails(store)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    url = f"http://127.0.0.1:{server.effective_port}"
    registered = oidc_provider.register([f"{url}/login/oidc/callback"], (f"{url}/login",))
    app.config.update(oidc_config(oidc_provider, registered, mode="oidc"))
    thread = threading.Thread(target=server.run, name="waitress-oidc", daemon=True)
    thread.start()
    yield Served(url, app)
    server.close()
    thread.join(timeout=10)
    store.close()


def sign_in_at_provider(page, email: str) -> None:
    page.click("text=Log ind med Region Sjællands konto")
    page.wait_for_selector("text=Test provider sign-in")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def test_a_lead_signs_in_sees_min_side_signs_out_and_a_stranger_is_refused(browser, served_oidc, oidc_provider, shots):
    context = browser.new_context(locale="da-DK")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(served_oidc.url + "/me")
        assert page.url.startswith(served_oidc.url + "/login")
        assert page.locator("input[type=password]").count() == 0  # local sign-in is off
        sign_in_at_provider(page, "Eva.Holm@Example.ORG")
        page.wait_for_url(served_oidc.url + "/me")
        main = page.inner_text("main")
        assert "Fælles undervisning" in main and "Fælles rekrutteringskampagne" in main
        assert page.inner_text("header .user") == "Eva Holm (Region)"
        shots(page, "min-side")

        page.click("header button:has-text('Log ud')")
        page.wait_for_url(oidc_provider.issuer + "/session/end**")
        page.click("text=Yes, sign me out")
        page.wait_for_url(served_oidc.url + "/login")
        assert "Du er logget ud." in page.inner_text("main")
        page.goto(served_oidc.url + "/me")
        assert page.url.startswith(served_oidc.url + "/login")  # the tracker's session is gone

        sign_in_at_provider(page, "ukendt.person@example.org")  # the provider asks again: its session ended too
        page.wait_for_url(served_oidc.url + "/login/oidc/callback**")
        main = page.inner_text("main")
        assert "'ukendt.person@example.org' er ikke e-mailen på en person i porteføljen" in main
        assert page.inner_text("#secretariat") == "Mette Munk (mette.munk@example.org)"
        shots(page, "refused")
        page.goto(served_oidc.url + "/me")
        assert page.url.startswith(served_oidc.url + "/login")
    finally:
        context.close()
