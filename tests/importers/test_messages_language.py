"""Validation messages are wholly Danish under da and wholly English under en, and quote the value."""
from __future__ import annotations

import copy
import re

import pytest

from graph.problems import InvalidChangeSet
from importers.document import changeset_from_document
from tests.conftest import SMALL


def _problems(doc: dict, lang: str) -> list[str]:
    with pytest.raises(InvalidChangeSet) as exc:
        changeset_from_document(doc, "plan.yaml")
    return [p.text(lang) for p in exc.value.problems]


@pytest.fixture
def bad() -> dict:
    doc = copy.deepcopy(SMALL)
    doc["focus_areas"][0]["sequence"] = "soon"
    doc["initiatives"][0]["themes"] = ["happiness"]
    doc["initiatives"][1]["start"], doc["initiatives"][1]["end"] = "2026-09-01", "2026-01-01"
    return doc


def test_danish(bad):
    found = _problems(bad, "da")
    assert found[0] == "plan.yaml: focus_areas[0] (id 'geri-fa1'), felt 'sequence': 'soon' er ikke en af: now (start nu), next (dernæst), later (senere)"
    assert found[1].startswith("plan.yaml: initiatives[0] (id 'geri-i1'), felt 'themes': ukendt tema 'happiness'; kendte temaer: strong_environments, ")
    assert found[2] == "plan.yaml: initiatives[1] (id 'reum-i1'): slut (2026-01-01) ligger før start (2026-09-01)"
    for line in found:
        assert not re.search(r"\b(or|is|must|field|unknown|known|before)\b", line), line


def test_english(bad):
    found = _problems(bad, "en")
    assert found[0] == "plan.yaml: focus_areas[0] (id 'geri-fa1'), field 'sequence': 'soon' is not one of: now (start now), next, later"
    assert found[2] == "plan.yaml: initiatives[1] (id 'reum-i1'): end (2026-01-01) is before start (2026-09-01)"
    for line in found:
        assert not re.search(r"\b(er|ikke|felt|ukendt|skal|før)\b", line), line
