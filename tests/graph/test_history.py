"""History and baselines on small hand-built inputs: net changes over a period, the content diff, the examples."""
from __future__ import annotations

import doctest

import pytest

from graph import versions
from graph.portfolio import PortfolioGraph
from graph.queries import baseline, history
from graph.queries.baseline import FieldChange, content_diff
from graph.queries.history import changed_since, resolve_since
from graph.record import Record
from graph.store.base import ItemChange


@pytest.mark.parametrize("module", [baseline, history, versions], ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def change(rev: int, op: str, item: str, before: dict | None, after: dict | None, actor: str = "eva") -> ItemChange:
    return ItemChange(rev, f"2026-05-0{rev}T10:00:00+00:00", actor, "", op, "focus_area", item, before, after)


PG = PortfolioGraph([
    Record("specialty", "geri", {"id": "geri", "name": "Geriatri"}),
    Record("ambition", "a", {"id": "a", "specialty": "geri", "statement": "A"}),
    Record("focus_area", "f1", {"id": "f1", "ambition": "a", "title": "Ny titel"}),
])


def test_net_changes_leave_out_what_came_and_went_and_what_changed_back():
    changes = [
        change(2, "update", "f1", {"id": "f1", "ambition": "a", "title": "Gammel"}, {"id": "f1", "ambition": "a", "title": "Mellem"}),
        change(3, "update", "f1", {"id": "f1", "ambition": "a", "title": "Mellem"}, {"id": "f1", "ambition": "a", "title": "Ny titel"}, "bjorn"),
        change(3, "create", "tmp", None, {"id": "tmp", "ambition": "a", "title": "Kortvarig"}),
        change(4, "delete", "tmp", {"id": "tmp", "ambition": "a", "title": "Kortvarig"}, None),
        change(4, "update", "f2", {"id": "f2", "ambition": "a", "title": "X"}, {"id": "f2", "ambition": "a", "title": "Y"}),
        change(5, "update", "f2", {"id": "f2", "ambition": "a", "title": "Y"}, {"id": "f2", "ambition": "a", "title": "X"}),
        change(5, "delete", "gone", {"id": "gone", "ambition": "a", "title": "Væk"}, None),
    ]
    diff = changed_since(PG, changes, 1, "geri")
    assert [(i.item, i.group, i.actors, i.fields) for i in diff.items] == [
        ("f1", "changed", ["eva", "bjorn"], [("title", "Gammel", "Ny titel")]),
        ("gone", "removed", ["eva"], []),
    ]
    assert diff.revision == 5
    assert [(i.item, i.group) for i in changed_since(PG, changes, 3, None).items] == [("gone", "removed"), ("tmp", "removed")]
    assert resolve_since(PG, changes, "2026-05-03") == 2 and resolve_since(PG, changes, "r4") == 4


def test_content_diff_names_section_item_field_before_and_after():
    old = {"ambition": {"id": "a", "statement": "A"}, "focus_areas": [{"id": "f1", "title": "T"}, {"id": "f2", "title": "U"}]}
    new = {"ambition": {"id": "a", "statement": "B"}, "focus_areas": [{"id": "f1", "title": "T2"}, {"id": "f3", "title": "V"}]}
    assert content_diff(old, new) == [
        FieldChange("ambition", "a", "changed", "statement", "A", "B"),
        FieldChange("focus_areas", "f1", "changed", "title", "T", "T2"),
        FieldChange("focus_areas", "f2", "removed", None, {"id": "f2", "title": "U"}, None),
        FieldChange("focus_areas", "f3", "added", None, None, {"id": "f3", "title": "V"}),
    ]
