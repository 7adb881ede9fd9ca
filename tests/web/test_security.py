"""Hardening of the web front end (issue 11): redirects, sessions, CSRF lifetime, sign-in
throttling, security headers, Secure cookies behind a proxy, and the instance folder."""
from __future__ import annotations

import copy
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from itsdangerous.timed import TimestampSigner

from importers.document import changeset_from_document
from tests.conftest import SMALL
from tests.web.conftest import PASSWORD
from web import accounts, create_app


class Clock:
    """A clock the test moves by hand: ``clock.now += 60``."""

    def __init__(self, now: float = 1_800_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def make_app(tmp_path, accounts_file):
    """Return a function building an app in its own instance folder, with the test accounts and extra config."""
    made = []

    def make(**config):
        folder = tmp_path / f"inst{len(made)}"
        folder.mkdir()
        shutil.copyfile(accounts_file, folder / "users.db")
        app = create_app({"TESTING": True, "INSTANCE_PATH": str(folder), "WTF_CSRF_ENABLED": False, **config})
        app.extensions["portfolio"].store.apply(changeset_from_document(copy.deepcopy(SMALL), "small.yaml"), "test")
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["portfolio"].store.close()


def sign_in(client, username: str = "eva", password: str = PASSWORD, **kwargs):
    return client.post("/login", data={"username": username, "password": password}, **kwargs)


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


# -- open redirects ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example/path",
        "/%0A/evil.example/path",
        "/%0D%0A/evil.example",
        "/\t/evil.example/path",
        "/%5C/evil.example",
        "/%5Cevil.example",
        "/%255C%255Cevil.example",
        "/%2F/evil.example",
        "/%252F%252Fevil.example",
        "/\\evil.example",
        "//evil.example/x",
        "///evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "/\x00/evil.example",
        "/\x85/evil.example",
        "evil.example",
    ],
)
def test_sign_in_sends_every_foreign_or_ambiguous_next_to_the_overview(make_app, target):
    client = make_app().test_client()
    answer = client.post("/login", query_string={"next": target}, data={"username": "eva", "password": PASSWORD})
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/"


def test_the_issue_address_as_typed_is_refused_too(make_app):
    client = make_app().test_client()
    answer = client.post("/login?next=/%09/evil.example/path", data={"username": "eva", "password": PASSWORD})
    assert answer.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/specialty/geri?lang=da", "/search?q=vagt%20lag", "/download?format=json"])
def test_sign_in_keeps_a_plain_path_on_this_site(make_app, target):
    client = make_app().test_client()
    answer = client.post("/login", query_string={"next": target}, data={"username": "eva", "password": PASSWORD})
    assert answer.headers["Location"] == target


# -- server-side sessions --------------------------------------------------------------------


def copied_cookie(client) -> str:
    return client.get_cookie("session").value


def with_cookie(app, value: str):
    other = app.test_client()
    other.set_cookie("session", value)
    return other


def test_a_cookie_copied_before_sign_out_is_worthless_after_it(make_app):
    app = make_app()
    client = app.test_client()
    sign_in(client)
    copy_ = copied_cookie(client)
    assert with_cookie(app, copy_).get("/download").status_code == 200
    client.post("/logout")
    assert with_cookie(app, copy_).get("/download").status_code == 302


def test_a_new_password_signs_out_every_session_of_the_account(make_app):
    app = make_app()
    eva, mette = app.test_client(), app.test_client()
    sign_in(eva)
    sign_in(mette, "mette")
    accounts.set_password(app.config["USERS_DB"], "eva", "et-helt-nyt-ord")
    assert eva.get("/download").status_code == 302
    assert mette.get("/download").status_code == 200
    assert sign_in(app.test_client(), "eva", "et-helt-nyt-ord").status_code == 302


def test_the_cookie_holds_a_session_id_not_the_username(make_app):
    app = make_app()
    client = app.test_client()
    sign_in(client)
    with client.session_transaction() as sess:
        assert set(sess) == {"sid"} and "eva" not in sess["sid"] and len(sess["sid"]) >= 40
    # a cookie that names the user directly, as the old sessions did, signs no one in
    with app.test_request_context():
        forged = app.session_interface.get_signing_serializer(app).dumps({"user": "eva"})
    assert with_cookie(app, forged).get("/download").status_code == 302


def test_a_session_ends_after_its_lifetime(make_app):
    clock = Clock()
    app = make_app(CLOCK=clock)
    client = app.test_client()
    sign_in(client)
    clock.now += 12 * 3600 - 60
    assert client.get("/download").status_code == 200
    clock.now += 120
    assert client.get("/download").status_code == 302


# -- CSRF tokens expire ----------------------------------------------------------------------


def test_a_csrf_token_older_than_its_lifetime_is_refused(make_app, monkeypatch):
    app = make_app(WTF_CSRF_ENABLED=True)
    assert app.config["WTF_CSRF_TIME_LIMIT"] == 8 * 3600
    client = app.test_client()
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) - 8 * 3600 - 5)
    old = csrf_of(client.get("/login").get_data(as_text=True))
    monkeypatch.setattr(TimestampSigner, "get_timestamp", real)
    refused = client.post("/login", data={"username": "eva", "password": PASSWORD, "csrf_token": old})
    assert refused.status_code == 400
    assert "Formularen er udløbet eller kom ikke fra dette websted." in refused.get_data(as_text=True)
    fresh = csrf_of(client.get("/login").get_data(as_text=True))
    assert client.post("/login", data={"username": "eva", "password": PASSWORD, "csrf_token": fresh}).status_code == 302


# -- sign-in throttling ----------------------------------------------------------------------

LOCKED_DA = "For mange mislykkede forsøg på at logge ind som &#39;eva&#39; eller fra denne adresse. Prøv igen om 15 minutter."
LOCKED_EN = "Too many failed sign-ins for &#39;eva&#39; or from this address. Try again in 15 minutes."


def test_after_five_wrong_passwords_even_the_right_one_waits_for_the_window(make_app):
    clock = Clock()
    app = make_app(CLOCK=clock)
    client = app.test_client()
    for _ in range(5):
        wrong = sign_in(client, password="forkert-ord")
        assert wrong.status_code == 401
        assert "Forkert brugernavn eller adgangskode." in wrong.get_data(as_text=True)
        clock.now += 1
    refused = sign_in(client)
    assert refused.status_code == 429
    assert LOCKED_DA in refused.get_data(as_text=True)
    assert refused.headers["Retry-After"] == str(15 * 60 - 5)
    # the account is locked from every address, and the English page says so in English
    other = app.test_client()
    english = other.post("/login?lang=en", data={"username": "eva", "password": PASSWORD}, environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert english.status_code == 429 and LOCKED_EN in english.get_data(as_text=True)
    # other accounts from the same address still sign in
    assert sign_in(app.test_client(), "mette").status_code == 302
    clock.now += 15 * 60 - 6
    assert sign_in(client).status_code == 429
    clock.now += 2
    assert sign_in(client).status_code == 302


def test_twenty_failures_from_one_address_lock_that_address_for_every_account(make_app):
    clock = Clock()
    app = make_app(CLOCK=clock)
    attacker = {"REMOTE_ADDR": "10.6.6.6"}
    for n in range(20):
        assert sign_in(app.test_client(), f"gaet{n}", "forkert-ord", environ_base=attacker).status_code == 401
    assert sign_in(app.test_client(), "mette", environ_base=attacker).status_code == 429
    assert sign_in(app.test_client(), "mette", environ_base={"REMOTE_ADDR": "10.1.1.1"}).status_code == 302
    clock.now += 15 * 60 + 1
    assert sign_in(app.test_client(), "mette", environ_base=attacker).status_code == 302


def test_an_unknown_username_gets_the_same_message_as_a_wrong_password(make_app):
    client = make_app().test_client()
    unknown = sign_in(client, "findes-ikke")
    wrong = sign_in(client, "eva", "forkert-ord")
    assert unknown.status_code == wrong.status_code == 401
    message = "Forkert brugernavn eller adgangskode."
    assert message in unknown.get_data(as_text=True) and message in wrong.get_data(as_text=True)


# -- security headers ------------------------------------------------------------------------


def nonce_of(answer) -> str:
    return re.search(r"script-src 'self' 'nonce-([A-Za-z0-9_-]+)'", answer.headers["Content-Security-Policy"]).group(1)


@pytest.mark.parametrize(
    "path", ["/", "/login", "/specialty/geri", "/api/v1/coverage", "/static/tracker.css", "/findes-ikke", "/api/v1/trace/nej"]
)
def test_every_answer_carries_the_security_headers(make_app, path):
    client = make_app(READ_WITHOUT_LOGIN=True).test_client()
    answer = client.get(path)
    csp = answer.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";")[0]
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Referrer-Policy"] == "same-origin"
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in answer.headers


def test_inline_scripts_carry_this_answers_nonce_and_no_page_has_inline_handlers(make_app):
    client = make_app(READ_WITHOUT_LOGIN=True).test_client()
    first, second = client.get("/specialty/geri"), client.get("/specialty/geri")
    assert nonce_of(first) != nonce_of(second)
    page = first.get_data(as_text=True)
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
    executable = [attrs for attrs in scripts if "application/json" not in attrs]
    assert executable == [f' nonce="{nonce_of(first)}"']
    for path in ("/", "/specialty/geri", "/explorer", "/people", "/initiative/geri-i1", "/login"):
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", client.get(path).get_data(as_text=True)), path


def test_https_answers_ask_browsers_to_stay_on_https(make_app):
    answer = make_app(READ_WITHOUT_LOGIN=True).test_client().get("/", base_url="https://tracker.example")
    assert answer.headers["Strict-Transport-Security"] == "max-age=31536000"


# -- Secure cookies, directly and behind a proxy ---------------------------------------------


def test_session_cookie_is_secure_when_asked_or_when_the_request_is_https(make_app):
    plain = sign_in(make_app().test_client())
    assert "Secure" not in plain.headers["Set-Cookie"]
    assert "HttpOnly" in plain.headers["Set-Cookie"] and "SameSite=Lax" in plain.headers["Set-Cookie"]
    asked = sign_in(make_app(SESSION_COOKIE_SECURE=True).test_client())
    assert "; Secure" in asked.headers["Set-Cookie"]
    https = sign_in(make_app().test_client(), base_url="https://tracker.example")
    assert "; Secure" in https.headers["Set-Cookie"]


def test_behind_a_trusted_proxy_its_https_makes_the_cookie_secure(make_app):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.2.3.4"}
    trusted = sign_in(make_app(TRUST_PROXY=True).test_client(), headers=forwarded)
    assert "; Secure" in trusted.headers["Set-Cookie"]
    assert trusted.headers["Strict-Transport-Security"] == "max-age=31536000"
    ignored = sign_in(make_app().test_client(), headers=forwarded)
    assert "Secure" not in ignored.headers["Set-Cookie"]


def test_behind_a_trusted_proxy_the_throttle_counts_the_forwarded_address(make_app):
    app = make_app(TRUST_PROXY=True, CLOCK=Clock())
    for n in range(20):
        sign_in(app.test_client(), f"gaet{n}", "forkert-ord", headers={"X-Forwarded-For": "10.6.6.6"})
    assert sign_in(app.test_client(), "mette", headers={"X-Forwarded-For": "10.6.6.6"}).status_code == 429
    assert sign_in(app.test_client(), "mette", headers={"X-Forwarded-For": "10.7.7.7"}).status_code == 302


# -- the instance folder ---------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_everything_of_an_instance_lives_in_its_folder_owner_only(tmp_path):
    old = os.umask(0o022)  # the usual umask, which made world-readable files before
    try:
        folder = tmp_path / "eget"
        app = create_app({"INSTANCE_PATH": str(folder)})
        accounts.add_user(app.config["USERS_DB"], "eva", PASSWORD, person="eva")
        app.extensions["portfolio"].store.close()
    finally:
        os.umask(old)
    assert Path(app.instance_path) == folder.resolve()
    assert app.config["USERS_DB"] == str(folder.resolve() / "users.db")
    assert app.config["STORE_URL"] == f"sqlite:///{folder.resolve() / 'portfolio.db'}"
    assert mode(folder) == 0o700
    for name in ("secret_key", "users.db", "portfolio.db"):
        assert mode(folder / name) == 0o600, name
    assert app.config["SECRET_KEY"] == (folder / "secret_key").read_text().strip()


def test_two_instances_do_not_share_sessions(tmp_path, accounts_file):
    apps = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copyfile(accounts_file, folder / "users.db")
        apps.append(create_app({"INSTANCE_PATH": str(folder)}))
    assert apps[0].config["SECRET_KEY"] != apps[1].config["SECRET_KEY"]
    client = apps[0].test_client()
    client.post("/login", data={"username": "eva", "password": PASSWORD, "csrf_token": csrf_of(client.get("/login").get_data(as_text=True))})
    assert client.get("/api/v1/revision").status_code == 200
    assert with_cookie(apps[1], copied_cookie(client)).get("/api/v1/revision").status_code == 401
    for app in apps:
        app.extensions["portfolio"].store.close()


def upload(client, text: str, name: str = "plan.yaml"):
    import io

    return client.post("/upload", data={"file": (io.BytesIO(text.encode()), name)}, content_type="multipart/form-data")


def test_upload_previews_are_private_and_expire_after_an_hour(make_app):
    from importers.portfolio_file import write_document

    app = make_app()
    client = app.test_client()
    sign_in(client, "mette")
    page = upload(client, write_document(copy.deepcopy(SMALL), None, "yaml")).get_data(as_text=True)
    token = page.split('action="/upload/')[1].split('"')[0]
    uploads = Path(app.instance_path) / "uploads"
    kept = uploads / token / "plan.yaml"
    assert mode(uploads) == 0o700 and mode(kept.parent) == 0o700 and mode(kept) == 0o600
    hour_ago = kept.parent.stat().st_mtime - 3601
    os.utime(kept.parent, (hour_ago, hour_ago))
    assert client.post(f"/upload/{token}", data={"action": "confirm"}).status_code == 404
    assert not kept.parent.exists()


def test_what_a_signed_in_person_sees_is_not_cached(make_app):
    client = make_app().test_client()
    sign_in(client)
    assert client.get("/specialty/geri").headers["Cache-Control"] == "no-store"
    assert client.get("/api/v1/coverage").headers["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/static/tracker.css").headers.get("Cache-Control", "")


def test_an_existing_instance_folder_is_made_private_but_foreign_files_are_left_alone(tmp_path):
    folder = tmp_path / "gammel"
    folder.mkdir(mode=0o755)
    for name in ("users.db", "portfolio.db.readmodel", "noter.txt"):
        (folder / name).write_text("")
        (folder / name).chmod(0o644)
    create_app({"INSTANCE_PATH": str(folder)}).extensions["portfolio"].store.close()
    assert mode(folder) == 0o700
    assert (mode(folder / "users.db"), mode(folder / "portfolio.db.readmodel")) == (0o600, 0o600)
    assert mode(folder / "noter.txt") == 0o644


def test_expired_sessions_are_deleted_at_the_next_sign_in(make_app):
    import sqlite3

    clock = Clock()
    app = make_app(CLOCK=clock)
    sign_in(app.test_client())
    clock.now += 13 * 3600
    sign_in(app.test_client(), "mette")
    with sqlite3.connect(app.config["USERS_DB"]) as conn:
        assert conn.execute("SELECT username FROM sessions").fetchall() == [("mette",)]
