"""A server on Neo4j keeps the prepared read model in its instance folder, as one on SQLite keeps it
beside the file: the next start loads it (caught up by what changed since) instead of reading every
element from Neo4j."""
from __future__ import annotations

from graph.record import ChangeSet, Record
from graph.store.bolt import BoltStore
from tracker.cli import main
from web import create_app


def start(folder, url):
    return create_app({"TESTING": True, "INSTANCE_PATH": str(folder), "STORE_URL": url, "SECRET_KEY": "test-secret",
                       "READ_WITHOUT_LOGIN": True})


def test_a_second_start_on_neo4j_reads_the_read_model_not_the_whole_store(bolt_server, tmp_path, monkeypatch):
    url = bolt_server.url()
    assert main(["demo", "--store", url]) == 0
    first = start(tmp_path / "instance", url)
    assert len(first.extensions["portfolio"].graph) > 200
    saved = list((tmp_path / "instance").glob("*.readmodel"))
    assert len(saved) == 1

    # Changed by another writer after the first server saved its read model.
    with BoltStore(url) as store:
        fa = store.get(["lunge-fa1"])["lunge-fa1"]
        changed = Record(fa.kind, fa.id, {**fa.data, "title": "Ny titel på fokusområdet"}, fa.programme)
        revision = store.apply(ChangeSet([changed]), "test").revision

    loads: list[int] = []
    whole_load = BoltStore.load
    monkeypatch.setattr(BoltStore, "load", lambda self: loads.append(1) or whole_load(self))
    second = start(tmp_path / "instance", url)
    graph = second.extensions["portfolio"].graph
    assert (loads, graph.revision, graph.data("lunge-fa1")["title"]) == ([], revision, "Ny titel på fokusområdet")

    other = start(tmp_path / "other-instance", url)  # no read model in this folder: built from Neo4j
    assert (loads, other.extensions["portfolio"].graph.revision) == ([1], revision)


def test_a_command_on_neo4j_keeps_the_read_model_in_the_instance_folder(bolt_server, tmp_path, monkeypatch, capsys):
    url = bolt_server.url()
    assert main(["demo", "--store", url]) == 0
    capsys.readouterr()
    folder = tmp_path / "instance"
    folder.mkdir()
    monkeypatch.setenv("TRACKER_INSTANCE", str(folder))
    assert main(["trace", "lunge-i2", "--store", url, "--format", "json"]) == 0
    first = capsys.readouterr().out
    assert '"id": "lunge-i2"' in first
    assert len(list(folder.glob("*.readmodel"))) == 1

    loads: list[int] = []
    whole_load = BoltStore.load
    monkeypatch.setattr(BoltStore, "load", lambda self: loads.append(1) or whole_load(self))
    assert main(["trace", "lunge-i2", "--store", url, "--format", "json"]) == 0
    assert (loads, capsys.readouterr().out) == ([], first)


def test_a_command_on_neo4j_keeps_the_similarity_index_in_the_instance_folder(bolt_server, tmp_path, monkeypatch, capsys):
    from graph.queries import similarity_index

    url = bolt_server.url()
    assert main(["demo", "--store", url]) == 0
    folder = tmp_path / "instance"
    folder.mkdir()
    monkeypatch.setenv("TRACKER_INSTANCE", str(folder))
    capsys.readouterr()
    assert main(["similar", "lunge-i2", "--store", url, "--format", "json"]) == 0
    first = capsys.readouterr().out
    [saved] = folder.glob("*.similar")
    # Named by a hash of the store's identity, never its URL (which may hold a password).
    assert saved.name[:16] == next(folder.glob("*.readmodel")).name[:16] and "127.0.0.1" not in saved.name

    builds = similarity_index.builds
    assert main(["similar", "lunge-i2", "--store", url, "--format", "json"]) == 0
    assert (capsys.readouterr().out, similarity_index.builds) == (first, builds)  # the saved index answered

    # After a write through another process's connection the saved index is caught up, not ignored.
    with BoltStore(url) as store:
        i2 = store.get(["lunge-i2"])["lunge-i2"]
        store.apply(ChangeSet([Record(i2.kind, i2.id, {**i2.data, "title": "Fælles rekruttering af lungesygeplejersker"}, i2.programme)]), "test")
    assert main(["similar", "lunge-i2", "--store", url, "--format", "json"]) == 0
    assert '"item": "lunge-i2"' in capsys.readouterr().out

