"""prerequisite_rows on the small portfolio: focus areas enabled and the initiatives serving them."""
from __future__ import annotations

from graph.queries.prerequisites import PrerequisiteRow, prerequisite_rows


def test_rows_list_every_serving_initiative_across_specialties(small_graph):
    base = {"prerequisite": "geri-pre1", "focus_area": "geri-fa1", "focus_area_title": "Robuste faglige miljøer",
            "specialty": "geri", "specialty_name": "Geriatri"}
    assert prerequisite_rows(small_graph, "geri-pre1") == [
        PrerequisiteRow(**base, initiative="geri-i1", initiative_title="Fælles undervisning", status="in_progress",
                        owner="Eva Holm", start="2026-02-01", end="2026-12-31"),
        PrerequisiteRow(**base, initiative="reum-i1", initiative_title="Fælles rekrutteringskampagne", status="planned",
                        owner="Eva Holm", start="2026-09-01", end="2027-06-30"),
    ]


def test_a_focus_area_without_initiatives_gives_one_empty_row(small_graph, small_doc):
    from graph.changeset import Record
    from graph.portfolio import PortfolioGraph

    pg = PortfolioGraph(list(small_graph.records()) + [
        Record("prerequisite", "geri-pre3", {"id": "geri-pre3", "ambition": "geri-amb", "text": "Vagtlag", "enables": ["geri-fa2"]})
    ])
    assert [r.to_json() for r in prerequisite_rows(pg, "geri-pre3")] == [{
        "prerequisite": "geri-pre3", "focus_area": "geri-fa2", "focus_area_title": "Fælles vagtlag", "specialty": "geri",
        "specialty_name": "Geriatri", "initiative": "", "initiative_title": "", "status": "", "owner": "", "start": "", "end": "",
    }]


def test_a_prerequisite_enabling_nothing_has_no_rows(small_graph):
    from graph.changeset import Record
    from graph.portfolio import PortfolioGraph

    pg = PortfolioGraph(list(small_graph.records()) + [Record("prerequisite", "p", {"id": "p", "ambition": "geri-amb", "text": "x"})])
    assert prerequisite_rows(pg, "p") == []


def test_the_docstring_examples_run():
    import doctest

    import graph.queries.prerequisites as module

    result = doctest.testmod(module)
    assert result.failed == 0
    assert result.attempted >= 1
