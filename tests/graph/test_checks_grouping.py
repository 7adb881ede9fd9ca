"""Health findings that help: one line per rule and ambition, and counts of problems, not information."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.portfolio import PortfolioGraph
from graph.queries import check
from graph.queries.checks import group_findings, problem_count
from graph.store.sqlite import SQLiteStore
from importers.document import changeset_from_document
from tracker.demo import demo_document

TODAY = dt.date(2026, 12, 3)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> PortfolioGraph:
    store = SQLiteStore(tmp_path_factory.mktemp("demo") / "demo.db")
    store.apply(changeset_from_document(demo_document(), "demo"), "test")
    pg = PortfolioGraph.from_store(store)
    store.close()
    return pg


def test_geriatrics_seven_information_lines_become_one(demo):
    found = check(demo, "geri", today=TODAY)
    assert len(found) == 10
    grouped = group_findings(demo, found)
    assert [(f.rule, f.severity, f.element, f.count) for f in grouped] == [
        ("challenge_perspectives", "warning", "geri-ch3", 1),
        ("situation_sites", "warning", "nyk", 1),
        ("core_team_leads", "error", "geri-kn", 1),
        ("ambition_not_approved", "info", "geri-amb", 7),
    ]
    line = grouped[-1]
    assert line.elements == ("geri-i1", "geri-i2", "geri-i3", "geri-i4", "geri-i5", "geri-i6", "geri-i7")
    assert line.message("da").startswith(
        '7 faglige indsatser hører under den strategiske ambition "Geriatrien giver skrøbelige ældre samme hurtige '
        'geriatriske vurdering på alle a…", som ikke er godkendt (Kladde): "Fælles rekrutteringskampagne med '
        'reumatologien i Holbæk", "Geriatrisk team i akutmodtagelsen i Holbæk", '
    )
    assert line.message("en").startswith("7 initiatives fall under the strategic ambition ")
    assert line.message("en").endswith('"Trivselsmåling og handleplan i plejen".')


def test_problems_count_warnings_and_errors_only(demo):
    grouped = group_findings(demo, check(demo, "geri", today=TODAY))
    assert problem_count(grouped) == 3
