"""The README documents every command, option and setting (datasette's habit).

The lists are derived, not kept by hand: commands and options by walking the argparse parser,
settings by a grep of the code for environment variables.
"""
from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.parser import build_parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: The code whose environment variables a user may set (tests/ only reads its own test settings).
CODE_FOLDERS = ("graph", "importers", "web", "tracker", "benchmarks", "devservers")
GLOBAL_OPTIONS = {"--store", "--lang", "--debug"}

_ENV_NAME = re.compile(r"""["'](TRACKER_[A-Z0-9_]+)["']""")
_ENV_READ = re.compile(r"""(?:environ(?:\.get)?\(?\[?|getenv\()\s*["']([A-Z][A-Z0-9_]*)["']""")


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from _commands(sub, (*path, name))


def _long_options(parser: argparse.ArgumentParser) -> set[str]:
    found = set()
    for action in parser._actions:
        longs = [o for o in action.option_strings if o.startswith("--") and o != "--help"]
        found.update(longs[:1])
    return found


COMMANDS = dict(_commands(build_parser()))


def environment_variables() -> set[str]:
    """Every environment variable the code reads: TRACKER_* names anywhere, and any name read from os.environ."""
    names: set[str] = set()
    for folder in CODE_FOLDERS:
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            names.update(_ENV_NAME.findall(text))
            names.update(_ENV_READ.findall(text))
    return names


def _lines_about(command: tuple[str, ...]) -> list[str]:
    pattern = re.compile(r"`tracker " + re.escape(" ".join(command)) + r"(?=[ `])")
    return [line for line in README.splitlines() if pattern.search(line)]


def test_the_derived_lists_find_what_is_known_to_be_there():
    assert {("serve",), ("user",), ("user", "add"), ("user", "list"), ("user", "remove"), ("trace",)} <= set(COMMANDS)
    assert {"--host", "--port", "--threads", "--demo"} <= _long_options(COMMANDS[("serve",)])
    assert {"TRACKER_STORE", "TRACKER_LANG", "TRACKER_ACTOR", "TRACKER_INSTANCE", "TRACKER_BOLT_USER", "USER"} <= environment_variables()
    assert GLOBAL_OPTIONS <= _long_options(COMMANDS[("trace",)])


@pytest.mark.parametrize("command", sorted(COMMANDS), ids=" ".join)
def test_every_command_and_its_options_are_in_the_readme(command):
    lines = _lines_about(command)
    assert lines, f"README.md does not show `tracker {' '.join(command)}`"
    missing = sorted(o for o in _long_options(COMMANDS[command]) - GLOBAL_OPTIONS if not any(o in line for line in lines))
    assert not missing, f"README.md's lines about `tracker {' '.join(command)}` do not mention {missing}"


def test_every_global_option_is_in_the_readme():
    assert [o for o in sorted(GLOBAL_OPTIONS) if f"`{o}" not in README] == []


@pytest.mark.parametrize("name", sorted(environment_variables()))
def test_every_environment_variable_is_in_the_readme(name):
    assert re.search(rf"(?<![A-Z0-9_]){name}(?![A-Z0-9_])", README), f"README.md does not document the environment variable `{name}`"


def test_a_new_user_gets_exactly_two_commands():
    block = README.split("## Two commands", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.splitlines()] == ["make run", "make test"]
