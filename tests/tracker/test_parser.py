"""Every command the parser names has its code where the parser says."""
from __future__ import annotations

import importlib

import pytest

from tests.tracker.test_readme import COMMANDS
from tracker.parser import Command, build_parser, command_named


def test_every_command_leads_to_a_function():
    targets = {path: parser.get_default("command") for path, parser in COMMANDS.items()}
    assert targets.pop(("user",)) is None  # a group: its subcommands run
    assert len(targets) == 26  # impact (23), minutes, meeting-pack (22), 15, user password (issue 11), diff (10), similar (15), document (12), followup, remind, report (21), migrate (25)
    for path, target in targets.items():
        assert isinstance(target, Command), path
        assert callable(getattr(importlib.import_module(f"tracker.commands.{target.module}"), target.function)), path


LINES = [
    ["trace", "geri-i1"],
    ["--store", "trace", "trace", "geri-i1", "--format", "json"],
    ["--lang=en", "check", "geri", "--debug"],
    ["coverage", "--programme", "bass"],
    ["import", "x.yaml", "--dry-run", "--force"],
    ["export", "-o", "x.xlsx", "--template"],
    ["user", "add", "eva", "--person", "eva", "--password-stdin"],
    ["user", "password", "eva"],
    ["serve", "--port", "8080", "--workers", "2", "--demo"],
    ["diff", "--since", "r12", "--specialty", "geri"],
]


def test_the_parser_of_one_command_parses_its_lines_as_the_whole_parser():
    for argv in LINES:
        only = command_named(argv)
        assert only == ("trace" if "trace" in argv else next(a for a in argv if not a.startswith("-")))
        one = build_parser(only=only)
        assert one._subparsers is not None and len(one._subparsers._group_actions[0].choices) == 1, argv
        assert vars(one.parse_args(argv)) == vars(build_parser().parse_args(argv)), argv


def test_a_word_that_is_no_command_gets_the_whole_parser_and_its_list_of_commands(capsys):
    parser = build_parser(only=command_named(["trce", "x"]))
    assert len(parser._subparsers._group_actions[0].choices) == 23  # impact (23), minutes, meeting-pack (22), followup, remind, report (issue 21), migrate (25)
    with pytest.raises(SystemExit):
        parser.parse_args(["trce", "x"])
    assert "'trce' (vælg mellem 'import', 'export'" in capsys.readouterr().err
