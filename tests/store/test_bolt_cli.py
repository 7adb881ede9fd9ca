"""The command line on a Bolt store, and `tracker copy` from SQLite to Bolt and back, through subprocesses."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import SMALL
from tests.store.test_contract import SMALL_COUNTS

ROOT = Path(__file__).resolve().parents[2]


def tracker(*args: str, store: str | None = None, lang: str = "da") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env["TRACKER_LANG"] = lang
    env["TRACKER_ACTOR"] = "cli-test"
    if store:
        env["TRACKER_STORE"] = store
    return subprocess.run([sys.executable, "-m", "tracker.cli", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(yaml.safe_dump(SMALL, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_import_and_queries_on_bolt_answer_as_on_sqlite(bolt_server, small_file, tmp_path):
    bolt = bolt_server.url("bass")
    sqlite = f"sqlite:///{tmp_path / 'p.db'}"
    for url in (bolt, sqlite):
        run = tracker("import", str(small_file), store=url)
        assert (run.returncode, run.stdout.strip()) == (0, "Importeret (revision 1): 34 nye, 0 ændrede, 0 slettede, 0 uændrede")
    for query in (["trace", "reum-i1"], ["coverage"], ["synergies", "geri"], ["check"]):
        on_bolt = tracker(*query, "--format", "json", store=bolt)
        on_sqlite = tracker(*query, "--format", "json", store=sqlite)
        assert on_bolt.returncode == 0, on_bolt.stderr
        assert json.loads(on_bolt.stdout) == json.loads(on_sqlite.stdout)
    trace = json.loads(tracker("trace", "reum-i1", "--format", "json", store=bolt).stdout)
    assert [f["id"] for f in trace["focus_areas"]] == ["geri-fa1", "reum-fa1"]
    assert tracker("export", store=bolt).stdout == tracker("export", store=sqlite).stdout


def test_a_bad_file_on_bolt_writes_nothing(bolt_server, small_file, tmp_path):
    bolt = bolt_server.url("bass")
    tracker("import", str(small_file), store=bolt)
    bad = dict(SMALL, initiatives=[*SMALL["initiatives"], {"id": "x-i", "title": "Ny", "focus_areas": ["nope"]}])
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")
    run = tracker("import", str(path), store=bolt)
    assert run.returncode == 1
    assert "x-i" in run.stderr and "nope" in run.stderr and "Traceback" not in run.stderr
    audit = tracker("audit", store=bolt).stdout
    assert audit.count("\nr") + audit.startswith("r") == 1  # still only the first import


def test_copy_sqlite_to_bolt_and_back(bolt_server, small_file, tmp_path):
    bolt = bolt_server.url("bass")
    first = f"sqlite:///{tmp_path / 'first.db'}"
    back = f"sqlite:///{tmp_path / 'back.db'}"
    tracker("import", str(small_file), store=first)

    run = tracker("copy", "--from", first, "--to", bolt)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "Kopieret 34 elementer; antal stemmer pr. art:"
    assert sorted(line.split() for line in lines[1:]) == sorted([k, str(n)] for k, n in SMALL_COUNTS.items())

    run = tracker("copy", "--from", bolt, "--to", back, "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Copied 34 elements; counts match per kind:")
    assert tracker("export", store=back).stdout == tracker("export", store=first).stdout

    # a target that holds a portfolio is refused, and nothing changes in it
    again = tracker("copy", "--from", first, "--to", bolt)
    assert again.returncode == 1
    assert again.stderr.strip() == f"{bolt} indeholder allerede 34 elementer; brug --replace for at erstatte dem med kopien"
    # with --replace the target ends equal to the source, extra elements deleted
    tracker("import", str(small_file), store=bolt)
    extra = tmp_path / "extra.yaml"
    extra.write_text(yaml.safe_dump(dict(SMALL, initiatives=[*SMALL["initiatives"], {"id": "only-bolt", "title": "Kun i Bolt"}]), allow_unicode=True), encoding="utf-8")
    tracker("import", str(extra), store=bolt)
    run = tracker("copy", "--from", first, "--to", bolt, "--replace")
    assert run.returncode == 0, run.stderr
    assert "only-bolt" not in tracker("export", store=bolt).stdout


def test_the_web_front_end_reads_and_writes_through_bolt(bolt_server, tmp_path):
    """The same pages and API on a Bolt store; an edit through the API lands in the server."""
    import copy

    from importers.document import changeset_from_document
    from web import create_app

    app = create_app({
        "TESTING": True, "STORE_URL": bolt_server.url("bass"), "USERS_DB": str(tmp_path / "users.db"),
        "SECRET_KEY": "test", "READ_WITHOUT_LOGIN": True, "WTF_CSRF_ENABLED": False,
    })
    store = app.extensions["portfolio"].store
    store.apply(changeset_from_document(copy.deepcopy(SMALL), "small.yaml"), "test")
    client = app.test_client()
    page = client.get("/initiative/reum-i1")
    assert page.status_code == 200
    assert "Fælles rekrutteringskampagne" in page.text and "Robust reumatologi" in page.text
    api = client.get("/api/v1/trace/reum-i1").get_json()
    assert [f["id"] for f in api["focus_areas"]] == ["geri-fa1", "reum-fa1"]
    # another process changes the portfolio on the server; the next request shows it
    from graph.changeset import ChangeSet, parse_record
    from graph.store import open_store

    with open_store(bolt_server.url("bass")) as other:
        other.apply(ChangeSet([parse_record("initiative", {"id": "reum-i1", "title": "Ny titel fra en anden proces", "focus_areas": ["reum-fa1"]}, "t")]), "other")
    assert "Ny titel fra en anden proces" in client.get("/initiative/reum-i1").text
    assert [f["id"] for f in client.get("/api/v1/trace/reum-i1").get_json()["focus_areas"]] == ["reum-fa1"]


def test_the_web_front_end_answers_503_when_the_bolt_server_is_gone(own_server, tmp_path, monkeypatch):
    import graph.store.bolt.store as bolt
    from web import create_app

    bolt_server = own_server()  # its own: this test kills it

    monkeypatch.setattr(bolt, "RETRY_SECONDS", 0.5)
    app = create_app({
        "TESTING": True, "STORE_URL": bolt_server.url("bass"), "USERS_DB": str(tmp_path / "users.db"),
        "SECRET_KEY": "test", "READ_WITHOUT_LOGIN": True, "WTF_CSRF_ENABLED": False,
    })
    client = app.test_client()
    assert client.get("/").status_code == 200
    bolt_server.kill()
    page = client.get("/")
    assert page.status_code == 503
    assert "Portefølje-lageret kan ikke nås lige nu" in page.text and "Traceback" not in page.text
    api = client.get("/api/v1/coverage")
    assert (api.status_code, api.get_json()["error"]["code"]) == (503, "store_unavailable")
