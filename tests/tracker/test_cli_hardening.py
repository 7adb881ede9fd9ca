"""A command line that never surprises (issue 11): each test here failed before the fix."""
from __future__ import annotations

import getpass
import importlib
import io
import json
from pathlib import Path

import pytest

from graph.changeset import ChangeSet, Record
from graph.store.sqlite import SQLiteStore
from tests.tracker.conftest import FakeTerminal
from tracker.cli import EXIT_BUG

# -- global options before or after the command name -----------------------------------------


def test_global_options_before_and_after_the_command(cli, loaded):
    before = cli("--lang", "en", "coverage")
    after = cli("coverage", "--lang", "en")
    assert before.code == after.code == 0
    assert before.out == after.out
    assert before.out.splitlines()[0].startswith("Specialty")
    assert cli("coverage").out.splitlines()[0].startswith("Speciale")


def test_store_before_the_command_and_in_a_subcommand(cli, loaded, tmp_path, monkeypatch):
    monkeypatch.delenv("TRACKER_STORE")
    url = f"sqlite:///{loaded}"
    assert json.loads(cli("--store", url, "trace", "geri-i1", "--format", "json").out)["initiative"]["id"] == "geri-i1"
    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path / "inst"))
    added = cli("--lang", "en", "user", "add", "eva", "--person", "eva", "--password-stdin", "--store", url, stdin="hemmeligt-ord\n")
    assert (added.code, added.out) == (0, "User eva created\n")


# -- user errors are one line; bugs keep their traceback ---------------------------------------


def test_a_bug_keeps_its_traceback_in_the_error_log(cli, loaded, tmp_path, monkeypatch):
    def broken(*_args: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(importlib.import_module("graph.queries.coverage"), "coverage", broken)
    result = cli("coverage")
    log = tmp_path / "instance" / "tracker-errors.log"
    assert result.code == EXIT_BUG
    assert result.err == (
        f"intern fejl i tracker (KeyError: 'boom'); hele forløbet er skrevet i {log.resolve()}"
        " - kør igen med --debug for at se det\n"
    )
    text = log.read_text(encoding="utf-8")
    assert text.startswith("--- ") and " tracker coverage\nTraceback (most recent call last):" in text
    assert "in broken" in text and text.rstrip().endswith("KeyError: 'boom'")


def test_a_bug_with_debug_prints_its_traceback(cli, loaded, tmp_path, monkeypatch):
    def broken(*_args: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(importlib.import_module("graph.queries.coverage"), "coverage", broken)
    result = cli("coverage", "--debug")
    assert result.code == EXIT_BUG
    assert result.err.startswith("Traceback (most recent call last):")
    assert result.err.rstrip().endswith("KeyError: 'boom'")
    assert not (tmp_path / "instance").exists()


# -- accounts -------------------------------------------------------------------------------


@pytest.fixture
def instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "inst"
    monkeypatch.setenv("TRACKER_INSTANCE", str(path))
    return path


def test_user_add_without_a_terminal_says_use_password_stdin(cli, loaded, instance):
    result = cli("user", "add", "eva", "--person", "eva", "--lang", "en")
    assert result.code == 1
    assert result.err == (
        "no terminal to ask for the password: give it on the first line of standard input with --password-stdin, "
        "e.g. printf '%s\\n' \"$PW\" | tracker user add eva --person eva --password-stdin\n"
    )
    assert not (instance / "users.db").exists()


def test_user_add_at_a_terminal_asks_twice_and_refuses_a_mismatch(cli, loaded, instance, monkeypatch):
    answers = iter(["hemmeligt-ord", "hemmeligt-orD"])
    prompts: list[str] = []

    def ask(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(getpass, "getpass", ask)
    result = cli("user", "add", "eva", "--person", "eva", stdin=FakeTerminal())
    assert prompts == ["Adgangskode: ", "Gentag adgangskoden: "]
    assert (result.code, result.err) == (1, "de to adgangskoder er forskellige; brugeren 'eva' er ikke oprettet\n")
    assert not (instance / "users.db").exists()
    answers = iter(["hemmeligt-ord", "hemmeligt-ord"])
    result = cli("user", "add", "eva", "--person", "eva", "--name", "Eva Holm", stdin=FakeTerminal())
    assert (result.code, result.out) == (0, "Bruger eva oprettet\n")
    assert cli("user", "list").out == "eva                  eva                  Eva Holm\n"


def test_user_add_needs_an_existing_person(cli, loaded, instance):
    ghost = cli("user", "add", "x", "--person", "ghost", "--password-stdin", stdin="hemmeligt-ord\n")
    assert (ghost.code, ghost.err) == (1, f"person 'ghost' findes ikke i porteføljen (sqlite:///{loaded})\n")
    not_a_person = cli("user", "add", "x", "--person", "geri", "--password-stdin", "--lang", "en", stdin="hemmeligt-ord\n")
    assert (not_a_person.code, not_a_person.err) == (1, f"person 'geri' is not in the portfolio (sqlite:///{loaded})\n")
    with pytest.raises(SystemExit) as exit_info:
        cli("user", "add", "x", "--password-stdin", stdin="hemmeligt-ord\n")
    assert exit_info.value.code == 2
    assert not (instance / "users.db").exists()


def test_user_add_list_remove_and_refusals(cli, loaded, instance):
    assert cli("user", "list").out == f"Ingen brugere endnu ('{instance / 'users.db'}' findes ikke)\n"
    assert not instance.exists()
    empty = cli("user", "add", "eva", "--person", "eva", "--password-stdin", stdin="")
    assert (empty.code, empty.err) == (1, "ingen adgangskode på standard-input (--password-stdin læser første linje)\n")
    short = cli("user", "add", "eva", "--person", "eva", "--password-stdin", "--lang", "en", stdin="kort\n")
    assert (short.code, short.err) == (1, "the password has 4 characters; it must have at least 12\n")
    assert cli("user", "add", "eva", "--person", "eva", "--password-stdin", stdin="hemmeligt-ord\n").code == 0
    again = cli("user", "add", "eva", "--person", "eva", "--password-stdin", stdin="hemmeligt-ord\n")
    assert (again.code, again.err) == (1, "brugeren 'eva' findes allerede\n")
    assert cli("user", "list").out == "eva                  eva\n"
    removed = cli("user", "remove", "eva", "--lang", "en")
    assert (removed.code, removed.out) == (0, "User eva removed\n")
    gone = cli("user", "remove", "eva")
    assert (gone.code, gone.err) == (1, "brugeren 'eva' findes ikke\n")


# -- a read command never creates a store -----------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["coverage"],
        ["trace", "geri-i1"],
        ["check"],
        ["synergies", "geri"],
        ["export"],
        ["audit"],
        ["user", "add", "eva", "--person", "eva", "--password-stdin"],
        ["copy", "--from", "STORE", "--to", "sqlite:///elsewhere.db"],
    ],
)
def test_a_read_command_on_a_missing_store_says_so_and_creates_nothing(cli, tmp_path, argv):
    store = tmp_path / "nonexistent" / "dir" / "x.db"
    url = f"sqlite:///{store}"
    argv = [url if a == "STORE" else a for a in argv]
    result = cli(*argv, "--store", url, stdin="hemmeligt-ord\n")
    assert result.code == 1
    assert result.err == (
        f"lageret '{store}' findes ikke; indlæs en portefølje med 'tracker import FIL' eller 'tracker demo', "
        "eller vælg et andet lager med --store\n"
    )
    assert result.out == ""
    assert not (tmp_path / "nonexistent").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_write_command_creates_the_store(cli, tmp_path, small_file):
    store = tmp_path / "new" / "dir" / "x.db"
    assert cli("import", str(small_file), "--store", f"sqlite:///{store}").code == 0
    assert store.is_file()


# -- demo ------------------------------------------------------------------------------------


def test_demo_into_a_non_empty_store_refuses_without_replace(cli, loaded):
    refused = cli("demo")
    assert refused.code == 1
    assert refused.err == (
        f"lageret sqlite:///{loaded} indeholder allerede 34 elementer; intet er skrevet "
        "(brug --replace for at erstatte dem med demo-porteføljen)\n"
    )
    assert [line.split()[0] for line in cli("audit").out.splitlines() if line.startswith("r")] == ["r1"]
    replaced = cli("demo", "--replace", "--lang", "en")
    # the demo shares some ids with the small portfolio (sites, specialties): those are updated
    assert (replaced.code, replaced.out) == (0, "Imported (revision 2): 284 created, 20 updated, 13 deleted, 1 unchanged\n")
    coverage = json.loads(cli("coverage", "--format", "json").out)
    assert [s["id"] for s in coverage["specialties"]] == ["endo", "geri", "kard", "lunge", "reum"]
    assert cli("trace", "orphan-i").code == 1


# -- audit -----------------------------------------------------------------------------------


@pytest.fixture
def long_history(loaded: Path) -> Path:
    """The small portfolio, then 24 more revisions that each retitle one initiative."""
    store = SQLiteStore(loaded)
    try:
        for n in range(24):
            item = "geri-i1" if n % 2 else "reum-i1"
            rec = store.get([item])[item]
            store.apply(ChangeSet([Record("initiative", item, dict(rec.data, title=f"Titel {n}"), rec.programme)]), "test")
    finally:
        store.close()
    return loaded


def test_audit_says_how_many_changes_it_left_out(cli, long_history):
    lines = cli("audit", "--limit", "3").out.splitlines()
    assert [line.split()[0] for line in lines if line.startswith("r")] == ["r25", "r24", "r23"]
    assert lines[-1] == "viser 3 af 25 ændringer (--limit N viser flere)"
    lines = cli("audit", "--item", "geri-i1", "--limit", "2", "--lang", "en").out.splitlines()
    assert [line.split()[0] for line in lines if line.startswith("r")] == ["r25", "r23"]
    assert lines[-1] == "showing 2 of 13 changes (--limit N shows more)"
    everything = cli("audit", "--limit", "100").out.splitlines()
    assert everything[-1] == "    ... og 14 flere elementer"
    assert [line for line in everything if line.startswith("r1 ")][0].endswith("import small.yaml  (34)")
    assert not any(line.startswith("viser") for line in everything)


# -- usage errors and closed pipes -----------------------------------------------------------


def test_usage_errors_are_told_in_the_language_asked_for(cli, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli("trace")
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == "tracker trace: fejl: disse argumenter mangler: initiative"
    with pytest.raises(SystemExit):
        cli("audit", "--limit", "0", "--lang", "en")
    assert capsys.readouterr().err.splitlines()[-1] == "tracker audit: error: argument --limit: '0' is not a whole number of 1 or more"
    with pytest.raises(SystemExit):
        cli("serve", "--port", "http")
    assert capsys.readouterr().err.splitlines()[-1] == "tracker serve: fejl: argument --port: 'http' er ikke et portnummer (0-65535)"


class ClosedPipe:
    """Standard output whose reader went away."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        raise io.UnsupportedOperation("fileno")


def test_a_reader_that_stops_early_is_no_error_worth_a_message(cli, loaded, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdout", ClosedPipe())
    result = cli("export")
    assert (result.code, result.err) == (1, "")
    assert not (tmp_path / "instance").exists()
