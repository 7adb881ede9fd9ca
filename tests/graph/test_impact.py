"""Impact analysis (issue 23): exact dependants and paths on the hand-built portfolio of tests/impact_portfolio.py."""
from __future__ import annotations

import pytest

from graph.queries.errors import NotFound
from graph.queries.impact import NotImpactable, impact, path_text
from graph.relations import Relation
from tests.impact_portfolio import impact_graph


def _paths(found, item: str) -> list[list[str]]:
    return [[found.root, *(h.item for h in p)] for p in found.paths(item)]


def test_everything_that_depends_on_the_hr_package_across_three_specialties():
    pg = impact_graph()
    found = impact(pg, "hr")
    assert found.ids("prerequisite") == {"geri-pre1", "geri-pre2"}
    assert found.ids("focus_area") == {"geri-fa1", "geri-fa2", "reum-fa1"}
    assert found.ids("initiative") == {"geri-i1", "lung-i1", "reum-i1"}
    assert found.ids("indicator") == {"geri-ind1"}
    assert found.ids() == {"geri-pre1", "geri-pre2", "geri-fa1", "geri-fa2", "reum-fa1", "geri-i1", "lung-i1", "reum-i1", "geri-ind1"}
    # The chain hr -> geri's prerequisite -> reum's focus area -> lung's initiative.
    assert _paths(found, "lung-i1") == [["hr", "geri-pre1", "reum-fa1", "lung-i1"]]
    assert [pg.specialty_of(i) for i in _paths(found, "lung-i1")[0][1:]] == ["geri", "reum", "lung"]
    assert _paths(found, "reum-i1") == [["hr", "reum-i1"]]
    assert found.by_specialty == [("geri", 6), ("reum", 2), ("lung", 1)]
    assert found.by_site == [("holb", 1), ("koege", 1)]


def test_an_initiative_reached_by_two_paths_is_listed_once_with_both():
    found = impact(impact_graph(), "hr")
    assert [d.item for d in found.dependants].count("geri-i1") == 1
    dep = next(d for d in found.dependants if d.item == "geri-i1")
    assert dep.path_count == 2
    assert _paths(found, "geri-i1") == [["hr", "geri-pre1", "geri-fa1", "geri-i1"], ["hr", "geri-pre2", "geri-fa2", "geri-i1"]]
    assert [h.relation for h in found.paths("geri-i1")[0]] == [Relation.DRAWS_ON, Relation.ENABLES, Relation.SERVES]


def test_groups_by_specialty_then_kind_and_title():
    found = impact(impact_graph(), "hr")
    shown = [(s, [(k, [d.item for d in deps]) for k, deps in kinds]) for s, kinds in found.groups]
    assert shown == [
        ("geri", [("prerequisite", ["geri-pre1", "geri-pre2"]), ("focus_area", ["geri-fa2", "geri-fa1"]),
                  ("initiative", ["geri-i1"]), ("indicator", ["geri-ind1"])]),
        ("lung", [("initiative", ["lung-i1"])]),
        ("reum", [("focus_area", ["reum-fa1"]), ("initiative", ["reum-i1"])]),
    ]


def test_the_path_as_a_sentence_in_danish_and_english():
    pg = impact_graph()
    found = impact(pg, "hr")
    lung = found.paths("lung-i1")[0]
    assert path_text(pg, "hr", lung) == (
        "Indsats Nattevagter tjener indsatsområde Rekruttering, som forudsætning Fælles vagtlag muliggør, "
        "som trækker på støttetilbud HR-pakke til fastholdelse"
    )
    assert path_text(pg, "hr", lung, "en") == (
        "Initiative Nattevagter serves focus area Rekruttering, which prerequisite Fælles vagtlag enables, "
        "which draws on support offer HR-pakke til fastholdelse"
    )
    assert path_text(pg, "hr", found.paths("geri-pre1")[0]) == "Forudsætning Fælles vagtlag trækker på støttetilbud HR-pakke til fastholdelse"


def test_the_json_holds_counts_groups_and_paths():
    doc = impact(impact_graph(), "hr").to_json()
    assert doc["root"] == {"id": "hr", "kind": "support_offer", "title": "HR-pakke til fastholdelse"}
    assert doc["total"] == 9
    assert doc["by_kind"] == {"prerequisite": 2, "focus_area": 3, "initiative": 3, "indicator": 1}
    assert doc["by_specialty"][0] == {"id": "geri", "title": "Geriatri", "count": 6}
    assert doc["by_site"] == [{"id": "holb", "title": "Holbæk Sygehus", "count": 1}, {"id": "koege", "title": "Køge Sygehus", "count": 1}]
    geri_i1 = doc["groups"][0]["kinds"][2]["items"][0]
    assert geri_i1["id"] == "geri-i1" and geri_i1["sites"] == ["holb"] and geri_i1["path_count"] == 2
    assert [p["ids"] for p in geri_i1["paths"]] == [["hr", "geri-pre1", "geri-fa1", "geri-i1"], ["hr", "geri-pre2", "geri-fa2", "geri-i1"]]
    assert geri_i1["paths"][1]["relations"] == ["DRAWS_ON", "ENABLES", "SERVES"]


@pytest.mark.parametrize(
    ("root", "expected"),
    [
        ("geri-pre1", {"geri-fa1", "reum-fa1", "geri-i1", "lung-i1", "geri-ind1"}),
        ("reum-fa1", {"lung-i1"}),
        ("geri-fa1", {"geri-i1", "geri-ind1"}),
        ("geri-ch1", {"geri-fa1", "geri-i1", "geri-ind1"}),
        ("geri-sp", {"geri-i1"}),
        ("holb", {"geri-sp", "geri-ch1", "geri-fa1", "geri-i1", "geri-ind1"}),
        ("koege", {"lung-i1"}),
        ("eva", {"geri-sp", "geri-i1"}),
        ("bjorn", {"geri"}),
        ("karen", {"hr", "geri-pre1", "geri-pre2", "geri-fa1", "geri-fa2", "reum-fa1", "geri-i1", "lung-i1", "reum-i1", "geri-ind1"}),
    ],
)
def test_what_depends_on_each_kind(root, expected):
    assert impact(impact_graph(), root).ids() == expected


def test_a_person_reaches_an_initiative_as_owner_and_as_lead():
    found = impact(impact_graph(), "eva")
    assert _paths(found, "geri-i1") == [["eva", "geri-i1"], ["eva", "geri-sp", "geri-i1"]]
    pg = impact_graph()
    assert path_text(pg, "eva", found.paths("geri-i1")[1]) == (
        "Indsats Fælles undervisning leveres på styrkeposition Geriatri (Holbæk Sygehus), som Eva Holm er implementeringsansvarlig for"
    )


def test_an_unknown_id_and_a_kind_nothing_depends_on_are_one_line_each():
    with pytest.raises(NotFound) as unknown:
        impact(impact_graph(), "nope")
    assert unknown.value.message("da") == "Fandt intet element med id 'nope'"
    with pytest.raises(NotImpactable) as wrong:
        impact(impact_graph(), "geri-i1")
    assert wrong.value.text("da").startswith("'geri-i1' er en faglig indsats; hvad der afhænger af et element vises for forudsætninger")
    assert wrong.value.text("en").startswith("'geri-i1' is an initiative; what depends on an element is shown for prerequisites")
