"""Reads through a real ``tracker serve`` while another process writes the store (issue 19, point 9):
no trace answers with an initiative cut off from its focus area, and none is stale after the writes."""
from __future__ import annotations

import copy
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from pathlib import Path

from graph.changeset import parse_record
from graph.record import ChangeSet
from graph.store.sqlite import SQLiteStore
from importers.document import changeset_from_document
from tests.conftest import SMALL
from web import accounts

TRACKER = Path(sys.executable).with_name("tracker")
WRITES = 120
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _signed_in(base: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(base + "/login", timeout=60) as page:
        token = _CSRF.search(page.read().decode()).group(1)
    form = urllib.parse.urlencode({"username": "reader", "password": "reader-password-1", "csrf_token": token})
    with opener.open(base + "/login", data=form.encode(), timeout=60) as answer:
        answer.read()
    return opener


def _trace(opener: urllib.request.OpenerDirector, base: str) -> dict:
    with opener.open(base + "/api/v1/trace/geri-i1", timeout=60) as answer:
        return json.loads(answer.read())


def test_traces_over_http_while_the_store_is_written_are_never_torn_nor_stale(tmp_path):
    db = tmp_path / "portfolio.db"
    with SQLiteStore(db) as store:
        store.apply(changeset_from_document(copy.deepcopy(SMALL), "small.yaml"), "test")
    instance = tmp_path / "inst"
    instance.mkdir(mode=0o700)
    accounts.add_user(instance / "users.db", "reader", "reader-password-1", person=None, display_name="Læser")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update(TRACKER_INSTANCE=str(instance), TRACKER_STORE=f"sqlite:///{db}")
    server = subprocess.Popen([str(TRACKER), "serve", "--port", str(port), "--workers", "1"], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        banner = server.stdout.readline()
        assert banner.startswith("Ambition tracker:"), banner + server.stdout.read()
        base = f"http://127.0.0.1:{port}"
        readers = [_signed_in(base) for _ in range(3)]
        assert _trace(readers[0], base)["initiative"]["title"] == "Fælles undervisning"
        torn: list[dict] = []
        reads = [0]
        done = threading.Event()

        def read(opener: urllib.request.OpenerDirector) -> None:
            while not done.is_set():
                answer = _trace(opener, base)
                reads[0] += 1
                if [fa["id"] for fa in answer["focus_areas"]] != ["geri-fa1"] or [a["id"] for a in answer["ambitions"]] != ["geri-amb"]:
                    torn.append(answer)

        threads = [threading.Thread(target=read, args=(opener,)) for opener in readers]
        for thread in threads:
            thread.start()
        data = copy.deepcopy(next(i for i in SMALL["initiatives"] if i["id"] == "geri-i1"))
        try:
            with SQLiteStore(db) as store:
                for n in range(WRITES):
                    data["title"] = f"Titel {n}"
                    store.apply(ChangeSet([parse_record("initiative", data, "test")]), "test")
        finally:
            done.set()
            for thread in threads:
                thread.join()
        assert reads[0] > 0
        assert torn == []
        assert {_trace(opener, base)["initiative"]["title"] for opener in readers} == {f"Titel {WRITES - 1}"}
    finally:
        server.terminate()
        server.wait(timeout=30)
