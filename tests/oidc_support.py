"""Sign-in through the real OpenID Connect provider the tests start (devservers/oidc_provider.py).

The provider's accounts and the e-mails the tests give the SMALL portfolio's people, and
``provider_sign_in``: the whole authorization code flow for a Flask test client, with the
provider's login page filled in over HTTP (the browser tests use Chromium instead).
"""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import requests

from devservers.oidc_provider import Account
from graph.changeset import ChangeSet, parse_record

PASSWORD = "provider-password"
#: person id -> e-mail in the portfolio (the provider's accounts write some of them in other cases).
EMAILS = {
    "eva": "eva.holm@example.org", "mette": "mette.munk@example.org", "bjorn": "bjorn@example.org",
    "karen": "karen.krog@example.org", "stina": "stina.storm@example.org", "kira": "kira.kerne@example.org",
    "olga": "olga@example.org",
}
ACCOUNTS = [
    Account("sub-eva-7f3a", "Eva.Holm@Example.ORG", "Eva Holm (Region)", PASSWORD),
    Account("sub-mette-19c2", "mette.munk@example.org", "Mette Munk", PASSWORD),
    Account("sub-bjorn-5d1e", "bjorn@example.org", "Bjørn Berg", PASSWORD),
    Account("sub-karen-2b77", "karen.krog@example.org", "Karen Krog", PASSWORD),
    Account("sub-stina-88aa", "stina.storm@example.org", "Stina Storm", PASSWORD),
    Account("sub-kira-4c4c", "kira.kerne@example.org", "Kira Kerne", PASSWORD),
    Account("sub-olga-0b0b", "olga@example.org", "Olga Udenrolle", PASSWORD),
    Account("sub-stranger-9e9e", "ukendt.person@example.org", "Ukendt Person", PASSWORD),
]
SUBJECTS = {a.email.lower(): a.sub for a in ACCOUNTS}


def give_emails(store, people: dict[str, str] = EMAILS) -> None:
    """Write the e-mails into the people of the store's portfolio (those that exist)."""
    snapshot = store.get(list(people))
    records = [parse_record("person", {**rec.data, "email": people[pid]}, "test", "bass") for pid, rec in snapshot.items() if rec]
    store.apply(ChangeSet(upserts=records), "test")


def oidc_config(provider, registered, mode: str = "both") -> dict:
    """The web configuration for signing in with ``provider`` as the client ``registered``."""
    return {
        "SIGN_IN": mode, "OIDC_ISSUER": provider.issuer, "OIDC_CLIENT_ID": registered.client_id,
        "OIDC_CLIENT_SECRET": registered.client_secret,
    }


def at_provider(start: str, email: str, password: str = PASSWORD, back_to: str = "http://localhost/") -> str:
    """Follow the provider from its authorization address through its login page; return where it sends the browser back."""
    browser = requests.Session()
    page = browser.get(start, timeout=30)
    assert page.status_code == 200 and "Test provider sign-in" in page.text, page.text[:500]
    answer = browser.post(page.url, data={"email": email, "password": password}, allow_redirects=False, timeout=30)
    for _ in range(10):
        location = urljoin(answer.url, answer.headers.get("Location", ""))
        assert answer.status_code in (302, 303), (answer.status_code, answer.text[:500])
        if location.startswith(back_to):
            return location
        answer = browser.get(location, allow_redirects=False, timeout=30)
    raise AssertionError(f"the provider never sent the browser back to {back_to}")


def provider_sign_in(client, email: str, password: str = PASSWORD, next_page: str | None = None):
    """Sign a Flask test client in with the provider: returns the tracker's answer to the callback."""
    start = client.get("/login/oidc", query_string={"next": next_page} if next_page else None)
    assert start.status_code == 302, start.get_data(as_text=True)[:500]
    back = urlsplit(at_provider(start.headers["Location"], email, password))
    return client.get(f"{back.path}?{back.query}")
