"""Sign-in with the organisation's identity provider (issue 26), against the real provider the tests start.

Each refusal has its own test: a wrong state, a replayed code, and ID tokens that the provider
spoils on purpose (tampered, for another audience, expired, from another issuer), and one that the
tracker's clock finds expired; each answers a clear page and leaves no session.
"""
from __future__ import annotations

import copy
from urllib.parse import parse_qs, urlsplit

import pytest

from importers.document import changeset_from_document
from tests.conftest import SMALL
from tests.oidc_support import SUBJECTS, at_provider, give_emails, oidc_config, provider_sign_in
from tests.web.test_pages import text
from web import accounts, create_app, oidc, sessions

CALLBACK = "http://localhost/login/oidc/callback"
AFTER_SIGN_OUT = "http://localhost/login"


@pytest.fixture(scope="session")
def registered(oidc_provider):
    """Return the provider's client for a misbehaviour (None: an honest one), registered once each."""
    made: dict = {}

    def client_for(misbehave: str | None = None):
        if misbehave not in made:
            made[misbehave] = oidc_provider.register([CALLBACK], (AFTER_SIGN_OUT,), misbehave)
        return made[misbehave]

    return client_for


@pytest.fixture
def make_app(tmp_path, oidc_provider, registered):
    """Return a function building an app on the small portfolio (people with e-mails) that signs in with the provider."""
    made = []

    def make(misbehave: str | None = None, mode: str = "both", **config):
        folder = tmp_path / f"app{len(made)}"
        app = create_app({
            "TESTING": True, "STORE_URL": f"sqlite:///{folder / 'portfolio.db'}", "USERS_DB": str(folder / "users.db"),
            "INSTANCE_PATH": str(folder), "SECRET_KEY": "test-secret", "WTF_CSRF_ENABLED": False,
            **oidc_config(oidc_provider, registered(misbehave), mode), **config,
        })
        store = app.extensions["portfolio"].store
        store.apply(changeset_from_document(copy.deepcopy(SMALL), "small.yaml"), "test")
        give_emails(store)
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["portfolio"].store.close()


def session_rows(app) -> list[tuple]:
    from contextlib import closing

    with closing(sessions._connect(app.config["USERS_DB"])) as conn:  # makes the table when nobody signed in yet
        return conn.execute("SELECT username, subject, claim FROM sessions").fetchall()


def signed_in(client) -> bool:
    return client.get("/me").status_code == 200


def test_a_lead_signs_in_and_sees_her_initiatives_on_min_side(make_app):
    app = make_app()
    client = app.test_client()
    answer = provider_sign_in(client, "Eva.Holm@Example.ORG", next_page="/me")
    assert (answer.status_code, answer.headers["Location"]) == (302, "/me")
    page = text(client.get("/me").get_data(as_text=True))
    assert "Eva Holm (Region)" in page  # the provider's display-name claim
    assert "Fælles undervisning" in page and "Fælles rekrutteringskampagne" in page
    assert session_rows(app) == [("oidc:sub-eva-7f3a", "sub-eva-7f3a", "eva.holm@example.org")]


def test_an_unknown_email_gets_a_page_naming_the_secretariat_and_nothing_is_created(make_app):
    app = make_app()
    client = app.test_client()
    answer = provider_sign_in(client, "ukendt.person@example.org")
    assert answer.status_code == 403
    page = text(answer.get_data(as_text=True))
    assert "'ukendt.person@example.org' er ikke e-mailen på en person i porteføljen" in page
    assert "Hvem du kan spørge Mette Munk ( mette.munk@example.org ) Tilbage til log ind" in page
    assert session_rows(app) == [] and not signed_in(client)
    assert app.extensions["portfolio"].store.get(["ukendt.person@example.org", "ukendt"]) == {}
    assert accounts.list_users(app.config["USERS_DB"]) == []


def test_the_page_speaks_english_on_request(make_app):
    client = make_app().test_client()
    with client.session_transaction() as sess:
        sess["lang"] = "en"
    page = text(provider_sign_in(client, "ukendt.person@example.org").get_data(as_text=True))
    assert "'ukendt.person@example.org' is not the e-mail of a person in the portfolio" in page


def test_a_wrong_state_is_refused(make_app):
    client = make_app().test_client()
    start = client.get("/login/oidc")
    back = urlsplit(at_provider(start.headers["Location"], "eva.holm@example.org"))
    code = parse_qs(back.query)["code"][0]
    answer = client.get("/login/oidc/callback", query_string={"code": code, "state": "forged-state"})
    assert answer.status_code == 400
    assert "(state 'forged-state')" in text(answer.get_data(as_text=True))
    assert not signed_in(client)


def test_a_replayed_code_is_refused(make_app):
    app = make_app()
    client = app.test_client()
    start = client.get("/login/oidc")
    back = urlsplit(at_provider(start.headers["Location"], "eva.holm@example.org"))
    assert client.get(f"{back.path}?{back.query}").status_code == 302  # the first use signs in
    client.post("/logout")
    # the same answer again: its state was used up
    again = client.get(f"{back.path}?{back.query}")
    assert again.status_code == 400 and "state" in text(again.get_data(as_text=True))
    # the old code inside a fresh sign-in's state: the provider refuses it
    fresh = parse_qs(urlsplit(client.get("/login/oidc").headers["Location"]).query)["state"][0]
    code = parse_qs(back.query)["code"][0]
    replay = client.get("/login/oidc/callback", query_string={"code": code, "state": fresh})
    assert replay.status_code == 400
    assert "invalid_grant" in text(replay.get_data(as_text=True))
    assert session_rows(app) == [] and not signed_in(client)


@pytest.mark.parametrize(("misbehave", "message"), [
    ("tamper", "ID-tokenets signatur er ikke gyldig"),
    ("audience", "ID-tokenet er udstedt til 'another-client'"),
    ("expired", "ID-tokenet udløb"),
    ("issuer", "ID-tokenet er udstedt af 'http://127.0.0.1:9/another-issuer'"),
], ids=["tampered", "other-audience", "expired", "other-issuer"])
def test_a_spoiled_id_token_is_refused(make_app, misbehave, message):
    app = make_app(misbehave)
    client = app.test_client()
    answer = provider_sign_in(client, "eva.holm@example.org")
    assert answer.status_code == 400
    assert message in text(answer.get_data(as_text=True))
    assert session_rows(app) == [] and not signed_in(client)


def test_a_token_older_than_its_lifetime_and_the_allowed_skew_is_refused_by_our_clock(make_app):
    import time

    late = {"by": 3600 + oidc.LEEWAY + 5}  # the provider's ID tokens live an hour
    app = make_app(CLOCK=lambda: time.time() + late["by"])
    client = app.test_client()
    answer = provider_sign_in(client, "eva.holm@example.org")
    assert answer.status_code == 400 and "ID-tokenet udløb" in text(answer.get_data(as_text=True))
    assert session_rows(app) == []
    late["by"] = 3600 + oidc.LEEWAY - 30  # past expiry, within the skew allowed
    assert provider_sign_in(client, "eva.holm@example.org").status_code == 302


def test_with_local_sign_in_off_no_password_form_and_posts_are_refused(make_app):
    app = make_app(mode="oidc")
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    assert 'type="password"' not in page and 'name="username"' not in page
    assert "Log ind med Region Sjællands konto" in page
    accounts.add_user(app.config["USERS_DB"], "eva", "et-langt-kodeord", person="eva")
    answer = client.post("/login", data={"username": "eva", "password": "et-langt-kodeord"})
    assert answer.status_code == 403
    assert "Log ind med adgangskode er slået fra" in text(answer.get_data(as_text=True))
    assert session_rows(app) == [] and not signed_in(client)


def test_with_only_local_sign_in_there_is_no_provider_button(make_app):
    client = make_app(mode="local").test_client()
    assert "Log ind med Region Sjællands konto" not in client.get("/login").get_data(as_text=True)
    assert client.get("/login/oidc").status_code == 404
    assert client.get("/login/oidc/callback?code=x&state=y").status_code == 404


def test_the_button_label_is_a_setting(make_app):
    client = make_app(OIDC_LABEL="Log ind med Region Hovedstadens konto").test_client()
    assert "Log ind med Region Hovedstadens konto" in client.get("/login").get_data(as_text=True)


def test_a_person_removed_from_the_portfolio_loses_the_sign_in_at_the_next_request(make_app):
    app = make_app()
    client = app.test_client()
    provider_sign_in(client, "eva.holm@example.org")
    assert signed_in(client)
    give_emails(app.extensions["portfolio"].store, {"eva": "eva.holm@andet.example.org"})
    answer = client.get("/me")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login")
    assert "'eva.holm@example.org' er ikke længere e-mailen på en person i porteføljen" in text(client.get("/login").get_data(as_text=True))
    assert session_rows(app) == []


def test_switching_the_provider_off_ends_its_sessions(make_app):
    app = make_app()
    client = app.test_client()
    provider_sign_in(client, "eva.holm@example.org")
    app.config["SIGN_IN"] = "local"
    assert client.get("/me").status_code == 302
    assert session_rows(app) == []


def test_removed_roles_take_the_rights_at_the_next_request(make_app):
    from graph.changeset import ChangeSet

    app = make_app()
    client = app.test_client()
    provider_sign_in(client, "eva.holm@example.org")
    store = app.extensions["portfolio"].store
    item = store.get(["geri-i1"])["geri-i1"]
    first = client.put("/api/v1/initiatives/geri-i1", json={"version": item.version, "item": {**item.data, "title": "Ny titel"}})
    assert first.status_code == 200, first.get_data(as_text=True)
    store.apply(ChangeSet(deletes=["role~eva~implementation_lead~geri-hs"]), "test")
    item = store.get(["geri-i1"])["geri-i1"]
    second = client.put("/api/v1/initiatives/geri-i1", json={"version": item.version, "item": {**item.data, "title": "Igen"}})
    assert second.status_code == 403


def test_the_audit_names_the_person_and_the_providers_subject(make_app):
    app = make_app()
    client = app.test_client()
    provider_sign_in(client, "eva.holm@example.org")
    store = app.extensions["portfolio"].store
    item = store.get(["geri-i1"])["geri-i1"]
    assert client.put("/api/v1/initiatives/geri-i1", json={"version": item.version, "item": {**item.data, "title": "Ny"}}).status_code == 200
    assert store.audit(item="geri-i1", limit=1)[0].actor == f"eva (oidc:{SUBJECTS['eva.holm@example.org']})"


def test_sign_out_ends_the_session_here_and_at_the_provider(make_app, oidc_provider):
    app = make_app()
    client = app.test_client()
    provider_sign_in(client, "eva.holm@example.org")
    answer = client.post("/logout")
    assert answer.status_code == 302
    exit_url = urlsplit(answer.headers["Location"])
    assert f"{exit_url.scheme}://{exit_url.netloc}{exit_url.path}" == f"{oidc_provider.issuer}/session/end"
    query = parse_qs(exit_url.query)
    assert query["post_logout_redirect_uri"] == [AFTER_SIGN_OUT] and query["id_token_hint"][0].count(".") == 2
    assert session_rows(app) == [] and not signed_in(client)


def test_without_the_identifying_claim_nobody_is_signed_in(make_app):
    app = make_app(OIDC_SCOPES="openid profile")  # no e-mail asked for: neither the ID token nor userinfo has it
    client = app.test_client()
    answer = provider_sign_in(client, "eva.holm@example.org")
    assert answer.status_code == 400
    assert "Identitetsudbyderen sendte ikke claimet 'email'" in text(answer.get_data(as_text=True))
    assert session_rows(app) == []


def test_an_email_two_people_share_names_neither(make_app):
    app = make_app()
    give_emails(app.extensions["portfolio"].store, {"karen": "EVA.HOLM@example.org"})
    client = app.test_client()
    assert provider_sign_in(client, "eva.holm@example.org").status_code == 403
    assert session_rows(app) == []


def test_a_provider_that_does_not_answer_is_named(make_app):
    from devservers.ports import free_port

    nobody = f"http://127.0.0.1:{free_port()}"
    answer = make_app(OIDC_ISSUER=nobody).test_client().get("/login/oidc")
    assert answer.status_code == 502
    assert f"Identitetsudbyderen svarer ikke på {nobody}/.well-known/openid-configuration (ConnectionError)" in text(answer.get_data(as_text=True))


def test_forms_may_lead_to_the_provider_only_while_its_sign_in_is_on(make_app, oidc_provider):
    def form_action(app) -> str:
        policy = app.test_client().get("/login").headers["Content-Security-Policy"]
        return next(part for part in policy.split("; ") if part.startswith("form-action"))

    assert form_action(make_app()) == f"form-action 'self' {oidc_provider.issuer}"  # sign-out goes on there
    assert form_action(make_app(mode="local")) == "form-action 'self'"


def test_the_secret_is_never_in_the_settings_repr():
    settings = oidc.Settings("http://127.0.0.1:1", "tracker", "very-secret-value")
    assert "very-secret-value" not in repr(settings)
