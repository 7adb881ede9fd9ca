"""Every command the parser names has its code where the parser says."""
from __future__ import annotations

import importlib

from tests.tracker.test_readme import COMMANDS
from tracker.parser import Command


def test_every_command_leads_to_a_function():
    targets = {path: parser.get_default("command") for path, parser in COMMANDS.items()}
    assert targets.pop(("user",)) is None  # a group: its subcommands run
    assert len(targets) == 19  # 15, user password (issue 11), diff (10), similar (15), document (12)
    for path, target in targets.items():
        assert isinstance(target, Command), path
        assert callable(getattr(importlib.import_module(f"tracker.commands.{target.module}"), target.function)), path
