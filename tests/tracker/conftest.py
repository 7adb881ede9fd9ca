"""Running the command line in-process: ``main(argv)`` with a clean environment, a temporary working
folder (so the default instance folder is temporary too) and given standard input."""
from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import SMALL
from tracker.cli import main


@dataclass
class Run:
    """What one command did: its exit code and what it printed."""

    code: int
    out: str
    err: str


class FakeTerminal(io.StringIO):
    """Standard input that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """``cli(*argv, stdin="...")`` runs ``tracker ARGV`` in this process and returns a Run."""
    for key in list(os.environ):
        if key.startswith("TRACKER_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("TRACKER_ACTOR", "cli-test")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()

    def run(*argv: str, stdin: str | io.StringIO = "") -> Run:
        monkeypatch.setattr(sys, "stdin", stdin if isinstance(stdin, io.StringIO) else io.StringIO(stdin))
        code = main(list(argv))
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(yaml.safe_dump(SMALL, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> Path:
    """TRACKER_STORE points at a SQLite file in tmp_path that does not exist yet."""
    path = tmp_path / "store.db"
    monkeypatch.setenv("TRACKER_STORE", f"sqlite:///{path}")
    return path


@pytest.fixture
def loaded(cli, store_path: Path, small_file: Path) -> Path:
    """The store of TRACKER_STORE, holding the small portfolio."""
    result = cli("import", str(small_file))
    assert result.code == 0, result.err
    return store_path
