"""``tracker serve --demo`` never gives the public demo password to accounts beside a real portfolio
(issue 19, point 2): refused in one line, nothing changed; demo accounts are marked, and serve warns
of them at start."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import yaml

from graph.store.sqlite import SQLiteStore
from tests.conftest import SMALL
from tracker.accounts import add_user, demo_usernames, list_users
from tracker.serve import DEMO_PASSWORD, load_demo
from tracker.settings import Settings

TRACKER = Path(sys.executable).with_name("tracker")


def _env(instance: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env["TRACKER_INSTANCE"] = str(instance)
    env["TRACKER_LANG"] = "en"
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve_demo(tmp_path: Path, instance: Path) -> subprocess.CompletedProcess[str]:
    # The timeout only ends a server that was wrongly started; a refusal returns at once.
    try:
        return subprocess.run([str(TRACKER), "serve", "--demo", "--port", str(_free_port())],
                              capture_output=True, text=True, env=_env(instance), cwd=tmp_path, timeout=60)
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"serve --demo started on a store that is not the demo's: {exc.stdout!r}") from None


def _snapshot(instance: Path) -> tuple[int, list[str]]:
    with SQLiteStore(instance / "portfolio.db") as store:
        revision = store.revision()
    return revision, [a.username for a in list_users(instance / "users.db")] if (instance / "users.db").exists() else []


def test_a_real_portfolio_is_refused_in_one_line_with_nothing_changed(tmp_path):
    instance = tmp_path / "inst"
    portfolio = tmp_path / "bass.yaml"
    portfolio.write_text(yaml.safe_dump(SMALL, allow_unicode=True), encoding="utf-8")
    subprocess.run([str(TRACKER), "import", str(portfolio)], check=True, capture_output=True, env=_env(instance), cwd=tmp_path)
    before = _snapshot(instance)
    run = _serve_demo(tmp_path, instance)
    assert run.returncode == 1
    assert run.stderr.strip().count("\n") == 0
    assert "the change 'import bass.yaml' (revision 1) is not the demo's" in run.stderr, run.stderr
    assert "tracker demo --replace" in run.stderr and "tracker user add" in run.stderr
    assert "Demo" not in run.stdout
    assert _snapshot(instance) == before == (1, [])


def test_real_accounts_beside_the_demo_are_refused(tmp_path):
    instance = tmp_path / "inst"
    instance.mkdir()
    add_user(instance / "users.db", "anne", "et-rigtigt-kodeord", person="anne")
    run = _serve_demo(tmp_path, instance)
    assert run.returncode == 1
    assert "the account 'anne' is not the demo's" in run.stderr
    assert [a.username for a in list_users(instance / "users.db")] == ["anne"]


def test_the_demo_store_is_served_again_and_its_accounts_are_marked(tmp_path):
    settings = Settings(instance=tmp_path / "inst", store_url=None, lang="en", actor="test")
    first = load_demo(settings)
    assert demo_usernames(settings.users_db()) == sorted(u for u, _r, _n in first)
    with SQLiteStore(settings.instance / "portfolio.db") as store:
        revision = store.revision()
    assert load_demo(settings) == first  # a restart of `make run`: the demo's own store is fine
    with SQLiteStore(settings.instance / "portfolio.db") as store:
        assert store.revision() == revision


def test_serve_warns_at_start_of_demo_accounts(tmp_path):
    instance = tmp_path / "inst"
    instance.mkdir()
    add_user(instance / "users.db", "demo-sekr", DEMO_PASSWORD, demo=True)
    port = _free_port()
    server = subprocess.Popen([str(TRACKER), "serve", "--port", str(port), "--workers", "1"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(instance), cwd=tmp_path)
    try:
        line = ""
        while "demo" not in line.lower():
            line = server.stderr.readline()
            assert line, "serve ended without warning of the demo account"
        assert "1 demo accounts with the public password can sign in (demo-sekr)" in line
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_people_edits_keep_the_demo_and_an_upload_or_a_replace_decides(tmp_path):
    from graph.changeset import ChangeSet, parse_record
    from tracker.demo_guard import not_demo

    settings = Settings(instance=tmp_path / "inst", store_url=None, lang="en", actor="test")
    load_demo(settings)
    with SQLiteStore(settings.instance / "portfolio.db") as store:
        site = parse_record("site", {"id": "ny", "name": "Nyt sted"}, "t", "bass")
        store.apply(ChangeSet([site], note="web: site ny"), "mette")
        assert not_demo(store, settings.users_db(), DEMO_PASSWORD) is None
        store.apply(ChangeSet([parse_record("site", {"id": "ny2", "name": "Andet"}, "t", "bass")], note="web upload plan.yaml"), "mette")
        assert not_demo(store, settings.users_db(), DEMO_PASSWORD) == (
            f"ændringen 'web upload plan.yaml' (revision {store.revision()})", f"the change 'web upload plan.yaml' (revision {store.revision()})"
        )
        replaced = parse_record("site", {"id": "ny", "name": "Erstattet"}, "t", "bass")
        store.apply(ChangeSet([replaced], note="demo portfolio (replace)"), "cli")
        assert not_demo(store, settings.users_db(), DEMO_PASSWORD) is None
