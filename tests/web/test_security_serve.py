"""``tracker serve --secure-cookies --trust-proxy`` end to end: a real waitress server in its own
instance folder, asked over HTTP as a reverse proxy would ask it."""
from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tracker.parser import build_parser
from tracker.serve import web_config
from tracker.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
TRACKER = Path(sys.executable).with_name("tracker")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """Return a function that starts ``tracker serve`` with extra options and returns (base URL, instance folder)."""
    started: list[subprocess.Popen] = []

    def start(*options: str) -> tuple[str, Path]:
        port = free_port()
        folder = tmp_path / f"inst{len(started)}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
        env.update(TRACKER_INSTANCE=str(folder), PYTHONPATH=str(ROOT))
        proc = subprocess.Popen(
            [str(TRACKER), "serve", "--port", str(port), *options], cwd=tmp_path, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, umask=0o022,
        )
        started.append(proc)
        banner = proc.stdout.readline()
        assert banner.startswith("Ambition tracker:"), banner + proc.stdout.read()
        return f"http://127.0.0.1:{port}", folder

    yield start
    for proc in started:
        proc.terminate()
        proc.wait(timeout=30)


def login_page(base: str, **headers: str):
    request = urllib.request.Request(base + "/login", headers=headers)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status, answer.headers


def test_serve_options_are_parsed_into_the_web_configuration(tmp_path):
    args = build_parser().parse_args(["serve", "--secure-cookies", "--trust-proxy"])
    assert (args.secure_cookies, args.trust_proxy) == (True, True)
    plain = build_parser().parse_args(["serve"])
    assert (plain.secure_cookies, plain.trust_proxy) == (False, False)
    config = web_config(Settings(instance=tmp_path / "i", store_url=None), True, True)
    assert config == {
        "INSTANCE_PATH": str((tmp_path / "i").resolve()),
        "STORE_URL": f"sqlite:///{(tmp_path / 'i' / 'portfolio.db').resolve()}",
        "USERS_DB": str((tmp_path / "i" / "users.db").resolve()),
        "SESSION_COOKIE_SECURE": True,
        "TRUST_PROXY": True,
        "SIGN_IN": "local",  # no TRACKER_SIGN_IN in the test's environment: the password form only
    }


def test_behind_a_proxy_that_says_https_the_server_sets_a_secure_cookie(server):
    base, folder = server("--trust-proxy")
    status, headers = login_page(base, **{"X-Forwarded-Proto": "https"})
    assert status == 200
    assert "; Secure" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    _, plain = login_page(base)
    assert "Secure" not in plain["Set-Cookie"]
    # the instance is the one TRACKER_INSTANCE names, and it is the owner's alone
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in ("secret_key", "portfolio.db"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name


def test_secure_cookies_without_a_proxy_marks_every_cookie_secure(server):
    base, _ = server("--secure-cookies")
    _, headers = login_page(base)
    assert "; Secure" in headers["Set-Cookie"]
    _, ignored = login_page(server()[0], **{"X-Forwarded-Proto": "https"})
    assert "Secure" not in ignored["Set-Cookie"]


def test_a_store_made_from_the_command_line_is_the_owners_alone(tmp_path):
    from tracker.cli import main

    old = os.umask(0o022)
    try:
        store = tmp_path / "ny" / "portfolio.db"
        assert main(["demo", "--store", f"sqlite:///{store}"]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(store.stat().st_mode) == 0o600
    for journal in store.parent.glob("portfolio.db-*"):
        assert stat.S_IMODE(journal.stat().st_mode) == 0o600, journal.name
