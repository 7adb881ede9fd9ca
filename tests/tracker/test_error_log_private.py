"""The CLI's error log hides passwords and is the owner's alone (issue 19, point 6)."""
from __future__ import annotations

import importlib
import stat

from graph.store.bolt.url import redact
from tracker.cli import EXIT_BUG


def test_redact_never_raises_and_hides_the_password_of_a_mistyped_ipv6_url():
    assert redact("bolt://neo4j:S3cretPW@[::1:7687/db") == "bolt://neo4j:***@[::1:7687/db"


def test_a_bug_logged_by_the_cli_hides_the_password_in_a_private_file(cli, loaded, tmp_path, monkeypatch):
    def broken(*_args: object) -> None:
        raise KeyError("bolt://neo4j:S3cretPW@db.example:7687")

    # The trace, as an unknown --programme is now refused before coverage runs (issue 19, point 8).
    monkeypatch.setattr(importlib.import_module("graph.queries.trace"), "trace", broken)
    result = cli("trace", "bolt://neo4j:S3cretPW@[::1:7687/db")
    log = tmp_path / "instance" / "tracker-errors.log"
    assert result.code == EXIT_BUG
    text = log.read_text(encoding="utf-8")
    assert "S3cretPW" not in text
    assert "bolt://neo4j:***@[::1:7687/db" in text and "bolt://neo4j:***@db.example:7687" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
