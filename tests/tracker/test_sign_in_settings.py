"""The sign-in settings from the environment (TRACKER_SIGN_IN, TRACKER_OIDC_*): issue 26."""
from __future__ import annotations

import pytest

from tracker.errors import UserError
from tracker.settings import Settings

VARIABLES = ("TRACKER_SIGN_IN", "TRACKER_OIDC_ISSUER", "TRACKER_OIDC_CLIENT_ID", "TRACKER_OIDC_CLIENT_SECRET",
             "TRACKER_OIDC_CLIENT_SECRET_FILE", "TRACKER_OIDC_SCOPES", "TRACKER_OIDC_CLAIM", "TRACKER_OIDC_NAME_CLAIM",
             "TRACKER_OIDC_LABEL")


@pytest.fixture(autouse=True)
def clean(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_without_settings_only_the_password_form(tmp_path):
    assert Settings(instance=tmp_path).sign_in() == {"SIGN_IN": "local"}


def test_the_secret_comes_from_a_file_before_the_environment(tmp_path, monkeypatch):
    secret = tmp_path / "secret"
    secret.write_text("s3cret-from-file\n")
    monkeypatch.setenv("TRACKER_SIGN_IN", "oidc")
    monkeypatch.setenv("TRACKER_OIDC_ISSUER", "https://login.example.org/t/v2.0")
    monkeypatch.setenv("TRACKER_OIDC_CLIENT_ID", "tracker")
    monkeypatch.setenv("TRACKER_OIDC_CLIENT_SECRET", "from-env")
    monkeypatch.setenv("TRACKER_OIDC_CLIENT_SECRET_FILE", str(secret))
    monkeypatch.setenv("TRACKER_OIDC_CLAIM", "preferred_username")
    monkeypatch.setenv("TRACKER_OIDC_LABEL", "Log ind med Region Hovedstadens konto")
    assert Settings(instance=tmp_path).sign_in() == {
        "SIGN_IN": "oidc", "OIDC_ISSUER": "https://login.example.org/t/v2.0", "OIDC_CLIENT_ID": "tracker",
        "OIDC_CLAIM": "preferred_username", "OIDC_LABEL": "Log ind med Region Hovedstadens konto",
        "OIDC_CLIENT_SECRET": "s3cret-from-file",
    }


def test_a_provider_mode_without_its_settings_names_what_is_missing_and_no_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_SIGN_IN", "both")
    monkeypatch.setenv("TRACKER_OIDC_ISSUER", "https://login.example.org")
    with pytest.raises(UserError) as refused:
        Settings(instance=tmp_path).sign_in()
    assert refused.value.text("en") == (
        "TRACKER_SIGN_IN is 'both' but TRACKER_OIDC_CLIENT_ID, TRACKER_OIDC_CLIENT_SECRET_FILE / TRACKER_OIDC_CLIENT_SECRET is not set"
    )


def test_an_unknown_mode_is_refused_quoting_it(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_SIGN_IN", "saml")
    with pytest.raises(UserError) as refused:
        Settings(instance=tmp_path).sign_in()
    assert refused.value.text("da") == "TRACKER_SIGN_IN er 'saml'; den skal være local, oidc eller both"


def test_an_unreadable_secret_file_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_OIDC_CLIENT_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(UserError) as refused:
        Settings(instance=tmp_path).sign_in()
    assert str(refused.value) == f"TRACKER_OIDC_CLIENT_SECRET_FILE '{tmp_path / 'missing'}' cannot be read (No such file or directory)"
