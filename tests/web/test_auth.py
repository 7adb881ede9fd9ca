"""Sign-in: the form, sessions, the trusted proxy header, reading without sign-in, and CSRF."""
from __future__ import annotations

import copy
import re
import shutil

import pytest

from importers.document import changeset_from_document
from tests.conftest import SMALL
from tests.web.conftest import PASSWORD
from web import create_app


@pytest.fixture
def make_app(tmp_path, accounts_file):
    """Return a function building an app on the small portfolio with the test accounts and extra config."""
    made = []

    def make(**config):
        folder = tmp_path / f"app{len(made)}"
        folder.mkdir()
        shutil.copyfile(accounts_file, folder / "users.db")
        app = create_app(
            {
                "TESTING": True,
                "STORE_URL": f"sqlite:///{folder / 'portfolio.db'}",
                "USERS_DB": str(folder / "users.db"),
                "SECRET_KEY": "test-secret",
                **config,
            }
        )
        app.extensions["portfolio"].store.apply(changeset_from_document(copy.deepcopy(SMALL), "small.yaml"), "test")
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["portfolio"].store.close()


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_reading_needs_sign_in_by_default(make_app):
    client = make_app(WTF_CSRF_ENABLED=False).test_client()
    answer = client.get("/specialty/geri?lang=da")
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/login?next=/specialty/geri?lang%3Dda"
    assert client.get("/login").status_code == 200
    assert client.get("/static/tracker.css").status_code == 200
    api = client.get("/api/v1/export")
    assert api.status_code == 401
    assert api.get_json() == {"error": {"code": "unauthorized", "message": "Log venligst ind først.", "problems": []}}


def test_sign_in_and_out(make_app):
    app = make_app(WTF_CSRF_ENABLED=False)
    client = app.test_client()
    wrong = client.post("/login", data={"username": "eva", "password": "forkert-ord"})
    assert wrong.status_code == 401
    assert "Forkert brugernavn eller adgangskode." in wrong.get_data(as_text=True)
    assert client.get("/download").status_code == 302
    right = client.post("/login", data={"username": "eva", "password": PASSWORD, "next": "/download?format=json"})
    assert right.status_code == 302 and right.headers["Location"] == "/download?format=json"
    assert client.get("/download?format=json").status_code == 200
    out = client.post("/logout")
    assert out.status_code == 302 and out.headers["Location"] == "/login"
    assert client.get("/download").status_code == 302


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "/\\evil.example"])
def test_sign_in_never_redirects_to_another_site(make_app, target):
    client = make_app(WTF_CSRF_ENABLED=False).test_client()
    answer = client.post("/login", data={"username": "eva", "password": PASSWORD, "next": target})
    assert answer.headers["Location"] == "/"


def test_session_cookie_is_http_only_and_same_site(make_app):
    client = make_app(WTF_CSRF_ENABLED=False).test_client()
    answer = client.post("/login", data={"username": "eva", "password": PASSWORD})
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    secure = make_app(WTF_CSRF_ENABLED=False, SESSION_COOKIE_SECURE=True).test_client()
    assert "Secure" in secure.post("/login", data={"username": "eva", "password": PASSWORD}).headers["Set-Cookie"]


def test_removed_account_is_signed_out(make_app):
    from web import accounts

    app = make_app(WTF_CSRF_ENABLED=False)
    client = app.test_client()
    client.post("/login", data={"username": "eva", "password": PASSWORD})
    accounts.remove_user(app.config["USERS_DB"], "eva")
    assert client.get("/download").status_code == 302


def test_proxy_header_signs_in_when_trusted(make_app):
    app = make_app(WTF_CSRF_ENABLED=True, TRUST_PROXY_USER_HEADER="X-Remote-User")
    client = app.test_client()
    assert client.get("/download", headers={"X-Remote-User": "eva"}).status_code == 200
    # a person without an account is known by the person id; their rights come from the graph
    answer = client.get("/edit/initiative/geri-i1", headers={"X-Remote-User": "eva"})
    assert answer.status_code == 200
    assert client.get("/edit/initiative/geri-i1", headers={"X-Remote-User": "olga"}).status_code == 403
    assert client.get("/download").status_code == 302


def test_proxy_header_is_ignored_when_not_trusted(make_app):
    client = make_app(WTF_CSRF_ENABLED=False).test_client()
    answer = client.get("/download", headers={"X-Remote-User": "mette"})
    assert answer.status_code == 302
    assert client.put("/api/v1/initiatives/orphan-i", json={"version": 1, "item": {"title": "X"}},
                      headers={"X-Remote-User": "mette"}).status_code == 401


def test_forms_without_csrf_token_are_refused(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    store = app.extensions["portfolio"].store
    client = app.test_client()
    assert client.post("/login", data={"username": "mette", "password": PASSWORD}).status_code == 400
    page = client.get("/login").get_data(as_text=True)
    assert client.post("/login", data={"username": "mette", "password": PASSWORD, "csrf_token": csrf_of(page)}).status_code == 302
    before = store.revision()
    data = {"title": "Uden token", "status": "planned", "version": "1"}
    refused = client.post("/edit/initiative/orphan-i", data=data)
    assert refused.status_code == 400
    assert "Formularen er udløbet eller kom ikke fra dette websted." in refused.get_data(as_text=True)
    assert store.revision() == before
    form = client.get("/edit/initiative/orphan-i").get_data(as_text=True)
    accepted = client.post("/edit/initiative/orphan-i", data=dict(data, csrf_token=csrf_of(form)))
    assert accepted.status_code == 302
    assert store.get(["orphan-i"])["orphan-i"].data["title"] == "Uden token"


def test_api_with_session_needs_the_csrf_header_but_proxy_sign_in_does_not(make_app):
    app = make_app(WTF_CSRF_ENABLED=True, TRUST_PROXY_USER_HEADER="X-Remote-User")
    store = app.extensions["portfolio"].store
    client = app.test_client()
    token = csrf_of(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"username": "mette", "password": PASSWORD, "csrf_token": token})
    body = {"version": 1, "item": {"title": "Via API"}}
    refused = client.put("/api/v1/initiatives/orphan-i", json=body)
    assert refused.status_code == 400
    assert refused.get_json() == {"error": {"code": "csrf", "problems": [], "message": (
        "Formularen er udløbet eller kom ikke fra dette websted. Genindlæs siden, og prøv igen.")}}
    assert store.get(["orphan-i"])["orphan-i"].version == 1
    form_token = csrf_of(client.get("/upload").get_data(as_text=True))
    accepted = client.put("/api/v1/initiatives/orphan-i", json=body, headers={"X-CSRFToken": form_token})
    assert accepted.status_code == 200, accepted.get_json()
    proxied = app.test_client().put(
        "/api/v1/initiatives/orphan-i", json={"version": 2, "item": {"title": "Via proxy"}}, headers={"X-Remote-User": "mette"}
    )
    assert proxied.status_code == 200
    assert store.get(["orphan-i"])["orphan-i"].data["title"] == "Via proxy"
    # pages are forms: the proxy's sign-in does not excuse them from the token
    form = app.test_client().post("/edit/initiative/orphan-i", data={"title": "X", "version": "3"}, headers={"X-Remote-User": "mette"})
    assert form.status_code == 400


def test_login_page_speaks_english_on_request(make_app):
    client = make_app(WTF_CSRF_ENABLED=False).test_client()
    assert "<h1>Log ind</h1>" in client.get("/login").get_data(as_text=True)
    assert "<h1>Sign in</h1>" in client.get("/login?lang=en").get_data(as_text=True)
