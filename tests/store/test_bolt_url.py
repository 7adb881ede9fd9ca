"""Bolt URLs: where credentials and the database come from, and what a message may show."""
from __future__ import annotations

import pytest

from graph.store import StoreError, open_store
from graph.store.bolt import parse_bolt_url


def test_credentials_from_the_environment_and_the_url():
    env = {"TRACKER_BOLT_USER": "env-user", "TRACKER_BOLT_PASSWORD": "env-pw", "TRACKER_BOLT_DATABASE": "envdb"}
    t = parse_bolt_url("neo4j+s://graph.example.org", env)
    assert (t.driver_url, t.user, t.password, t.database, t.shown_url) == (
        "neo4j+s://graph.example.org", "env-user", "env-pw", "envdb", "neo4j+s://env-user@graph.example.org/envdb")
    t = parse_bolt_url("bolt://ann:p%40ss%3Aw0rd@10.0.0.5:7687?database=bass", env)
    assert (t.driver_url, t.user, t.password, t.database) == ("bolt://10.0.0.5:7687", "ann", "p@ss:w0rd", "bass")
    assert "p@ss" not in t.shown_url and "w0rd" not in t.shown_url
    t = parse_bolt_url("neo4j://[::1]:7687/", {})
    assert (t.driver_url, t.user, t.password, t.database) == ("neo4j://[::1]:7687", None, None, None)


@pytest.mark.parametrize("url, message", [
    ("bolt:///bass", "the Bolt URL 'bolt:///bass' names no host: use bolt://host:port/database"),
    ("bolt://ann:secret@host:port/x", "the Bolt URL 'bolt://ann:***@host:port/x' has a port that is not a number"),
    ("postgres://u:pw@host/db", "unknown store URL 'postgres://u:***@host/db': use sqlite:///path/to/file.db, bolt://host:port or neo4j://host:port"),
])
def test_bad_urls_are_named_without_the_password(url, message):
    with pytest.raises(StoreError) as exc:
        open_store(url)
    assert str(exc.value) == message


@pytest.mark.parametrize("module", ["url", "escaping", "rows", "cypher", "store"])
def test_the_bolt_modules_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"graph.store.bolt.{module}"))
    assert result.failed == 0


def test_redact_hides_only_the_password():
    from graph.store.bolt import redact

    assert redact("neo4j://ann:pw@h:7687/bass") == "neo4j://ann:***@h:7687/bass"
    assert redact("bolt://h:7687/bass") == "bolt://h:7687/bass"
