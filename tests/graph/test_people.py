"""People queries on the small portfolio (tests/conftest.py): core teams, roles, my initiatives."""
from __future__ import annotations

from graph.queries.people import CoreTeam, MyInitiative, RoleView, ServedFocusArea, core_team, my_initiatives, roles_view


def test_core_team_of_each_specialty(small_graph):
    assert core_team(small_graph, "geri") == CoreTeam(owners=["bjorn"], members=[], leads=[("geri-hs", ["eva"])])
    assert core_team(small_graph, "reum") == CoreTeam(
        owners=["karen"], members=[("bjorn", "geriatrisk perspektiv")], leads=[("reum-h", [])]
    )
    assert core_team(small_graph, "reum").to_json() == {
        "owners": ["karen"],
        "members": [{"person": "bjorn", "note": "geriatrisk perspektiv"}],
        "leads": [{"strength_position": "reum-h", "people": []}],
    }


def test_roles_view_sorted_by_role_then_target(small_graph):
    assert roles_view(small_graph, "bjorn") == [
        RoleView("core_team", "reum", "geriatrisk perspektiv"),
        RoleView("specialty_owner", "geri", None),
    ]
    assert roles_view(small_graph, "mette") == [RoleView("secretariat", "bass", None)]
    assert roles_view(small_graph, "nobody") == []


def test_my_initiatives_as_owner_and_lead(small_graph):
    fa1 = ServedFocusArea("geri-fa1", "geri-amb", ["geri-pre1", "geri-pre2"], False)  # geri-pre1 is only agreed
    assert my_initiatives(small_graph, "eva") == [
        MyInitiative("geri-i1", ["lead", "owner"], [fa1]),
        MyInitiative("reum-i1", ["owner"], [ServedFocusArea("reum-fa1", "reum-amb", ["reum-pre1"], False), fa1]),
    ]
    assert my_initiatives(small_graph, "karen") == []


def test_my_initiatives_json(small_graph):
    assert my_initiatives(small_graph, "eva")[0].to_json() == {
        "initiative": "geri-i1",
        "why": ["lead", "owner"],
        "serves": [{"focus_area": "geri-fa1", "ambition": "geri-amb", "prerequisites": ["geri-pre1", "geri-pre2"], "all_met": False}],
    }


def test_the_docstring_examples_run():
    import doctest

    import graph.queries.people as module

    result = doctest.testmod(module)
    assert result.failed == 0
    assert result.attempted >= 1
