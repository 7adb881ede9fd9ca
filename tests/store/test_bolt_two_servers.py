"""Two ``tracker serve`` processes (separate instance folders) on one real Neo4j, as an organisation
runs them when one machine is not enough: a write through one is seen by the other on its next
request (its pages too), a conflicting write is refused on one side with nothing lost, and a
session made on one server is accepted by the other when they share the secret key and the
accounts database."""
from __future__ import annotations

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

from graph.store.bolt import BoltStore
from tests.conftest import SMALL
from tests.web.test_read_isolation_serve import _free_port
from tracker.cli import main
from web import accounts

TRACKER = Path(sys.executable).with_name("tracker")
PASSWORD = "eva-password-123"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def serve(folder: Path, url: str, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update(TRACKER_INSTANCE=str(folder), TRACKER_STORE=url)
    server = subprocess.Popen([str(TRACKER), "serve", "--port", str(port), "--workers", "1"], cwd=folder, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    banner = server.stdout.readline()
    assert banner.startswith("Ambition tracker:"), banner + server.stdout.read()
    return server


def request(opener, url: str, method: str = "GET", body: dict | None = None, token: str | None = None) -> tuple[int, str]:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["X-CSRFToken"] = token
    try:
        with opener.open(urllib.request.Request(url, data=data, method=method, headers=headers), timeout=60) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def sign_in(opener, base: str) -> str:
    """Sign in as eva through the form; the CSRF token of the session."""
    _, page = request(opener, base + "/login")
    form = urllib.parse.urlencode({"username": "eva", "password": PASSWORD, "csrf_token": _CSRF.search(page).group(1)})
    with opener.open(base + "/login", data=form.encode(), timeout=60) as answer:
        page = answer.read().decode()
    return _CSRF.search(page).group(1)


def test_two_servers_on_one_neo4j_see_each_others_writes_and_refuse_a_conflict(bolt_server, tmp_path):
    url = bolt_server.url()
    small = tmp_path / "small.yaml"
    small.write_text(yaml.safe_dump(SMALL, allow_unicode=True), encoding="utf-8")
    assert main(["import", str(small), "--store", url]) == 0
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        folder.mkdir(mode=0o700)
    # What the servers share: the accounts database (one file) and the secret key.
    accounts.add_user(tmp_path / "users.db", "eva", PASSWORD, person="eva", display_name="Eva")
    for folder in (one, two):
        (folder / "users.db").symlink_to(tmp_path / "users.db")
        (folder / "secret_key").write_text("a-secret-both-servers-share-" + "x" * 20)
        (folder / "secret_key").chmod(0o600)
    ports = _free_port(), _free_port()
    servers = [serve(one, url, ports[0]), serve(two, url, ports[1])]
    try:
        a, b = (f"http://127.0.0.1:{port}" for port in ports)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        stranger = urllib.request.build_opener()
        assert request(stranger, b + "/api/v1/trace/geri-i1")[0] == 401
        token = sign_in(opener, a)
        # The session made on the first server is good on the second.
        status, text = request(opener, b + "/api/v1/trace/geri-i1")
        assert (status, json.loads(text)["initiative"]["title"]) == (200, "Fælles undervisning")
        assert "Fælles undervisning" in request(opener, b + "/initiative/geri-i1")[1]

        with BoltStore(url) as store:
            seen = store.get(["geri-i1"])["geri-i1"]
        item = {**seen.data, "title": "Fælles undervisning på tværs"}
        status, text = request(opener, a + "/api/v1/initiatives/geri-i1", "PUT", {"version": seen.version, "item": item}, token)
        assert (status, json.loads(text)["version"]) == (200, seen.version + 1), text

        # The second server sees it on its next request, its page too.
        status, text = request(opener, b + "/api/v1/trace/geri-i1")
        assert json.loads(text)["initiative"]["title"] == "Fælles undervisning på tværs"
        assert "Fælles undervisning på tværs" in request(opener, b + "/initiative/geri-i1")[1]

        # The same edit made from the version read before: refused on the second server, nothing lost.
        other = {**seen.data, "title": "Undervisning for sig"}
        status, text = request(opener, b + "/api/v1/initiatives/geri-i1", "PUT", {"version": seen.version, "item": other}, token)
        assert status == 409, text
        for base in (a, b):
            assert json.loads(request(opener, base + "/api/v1/trace/geri-i1")[1])["initiative"]["title"] == "Fælles undervisning på tværs"
        with BoltStore(url) as store:
            assert store.get(["geri-i1"])["geri-i1"].version == seen.version + 1
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
