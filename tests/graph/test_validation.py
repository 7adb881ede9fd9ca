"""Models and change-set validation: every kind of bad input gives an exact message and writes nothing."""
from __future__ import annotations

import pytest

from graph.changeset import ChangeSet, parse_record
from graph.problems import InvalidChangeSet
from importers.document import changeset_from_document


def problems(exc: pytest.ExceptionInfo[InvalidChangeSet], lang: str = "en") -> list[str]:
    return [p.text(lang) for p in exc.value.problems]


def test_title_of_200000_characters_is_rejected_naming_the_field():
    with pytest.raises(InvalidChangeSet) as exc:
        parse_record("initiative", {"id": "i9", "title": "x" * 200_000}, "initiatives[0]")
    assert problems(exc) == ["initiatives[0] (id 'i9'), field 'title': must be at most 300 characters"]
    assert problems(exc, "da") == ["initiatives[0] (id 'i9'), felt 'title': må højst være 300 tegn"]


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("initiative", {"id": "i1", "title": "T", "status": "busy"},
         "initiatives[0] (id 'i1'), field 'status': 'busy' is not one of: planned, in_progress, done, paused, stopped"),
        ("initiative", {"id": "i1", "title": "T", "start": "2026-02-30"},
         "initiatives[0] (id 'i1'), field 'start', value '2026-02-30': is not a valid date (YYYY-MM-DD)"),
        ("initiative", {"id": "i1", "title": "T", "colour": "red"}, "initiatives[0] (id 'i1'), field 'colour': unknown field"),
        ("initiative", {"id": "i1", "title": "T", "start": "2026-05-01", "end": "2026-04-01"},
         "initiatives[0] (id 'i1'): end (2026-04-01) is before start (2026-05-01)"),
        ("initiative", {"id": "i1", "title": "T", "themes": ["golf"]},
         "initiatives[0] (id 'i1'), field 'themes': unknown theme 'golf'; known themes: strong_environments, "
         "interdisciplinary_collaboration, professional_development, uniform_treatment, staff_capacity, wellbeing, "
         "work_planning, recruitment_retention, strength_position_link, responsibility, population_responsibility, "
         "planning_prioritisation"),
        ("initiative", {"id": "i 1", "title": "T"},
         "initiatives[0] (id 'i 1'), field 'id': has characters that are not allowed (letters, digits and _ . : - are)"),
        ("focus_area", {"id": "f1", "title": "T"}, "initiatives[0] (id 'f1'), field 'ambition': is required"),
        ("role", {"person": "p", "role": "core_team"},
         "initiatives[0]: a role points at exactly one of specialty, strength_position or programme"),
        ("strength_position", {"id": "s", "specialty": "x", "sites": ["a", "b", "c"]},
         "initiatives[0] (id 's'), field 'sites': must have at most 2 entries"),
        ("indicator", {"id": "n", "focus_area": "f", "name": "N", "readings": [{"date": "x", "value": 1}]},
         "initiatives[0] (id 'n'), field 'readings.0.date', value 'x': is not a valid date (YYYY-MM-DD)"),
    ],
)
def test_field_problems(kind, raw, expected):
    with pytest.raises(InvalidChangeSet) as exc:
        parse_record(kind, raw, "initiatives[0]")
    assert problems(exc) == [expected]


def test_whole_change_set_problems(small_store, small_doc):
    before = small_store.revision()
    counts = small_store.counts()
    bad = [
        parse_record("initiative", {"id": "n1", "title": "A", "focus_areas": ["geri-amb", "nope"]}, "initiatives[0]"),
        parse_record("initiative", {"id": "n1", "title": "B"}, "initiatives[1]"),
        parse_record("focus_area", {"id": "holb", "ambition": "geri-amb", "title": "C"}, "focus_areas[0]"),
        parse_record("role", {"person": "eva", "role": "implementation_lead", "specialty": "geri"}, "roles[0]"),
        parse_record("initiative", {"id": "n2", "title": "D", "owner": "geri"}, "initiatives[2]"),
    ]
    with pytest.raises(InvalidChangeSet) as exc:
        small_store.apply(ChangeSet(bad), "test")
    assert problems(exc) == [
        "initiatives[1] (id 'n1'), field 'id': id 'n1' is used more than once (also in initiatives[0])",
        "focus_areas[0] (id 'holb'), field 'id': id 'holb' already exists as a Site",
        "initiatives[0] (id 'n1'), field 'focus_areas': refers to 'geri-amb', which is a Strategic ambition but must be a Strategic focus area",
        "initiatives[0] (id 'n1'), field 'focus_areas': refers to 'nope', which does not exist",
        "roles[0] (id 'role~eva~implementation_lead~geri'), field 'specialty': the role Implementation lead must point at a Strength position, not a Specialty",
        "initiatives[2] (id 'n2'), field 'owner': refers to 'geri', which is a Specialty but must be a Person",
    ]
    assert small_store.revision() == before
    assert small_store.counts() == counts


def test_delete_of_referenced_item_is_refused(small_store):
    with pytest.raises(InvalidChangeSet) as exc:
        small_store.apply(ChangeSet(deletes=["geri-fa1"]), "test")
    assert problems(exc, "da") == [
        "delete (id 'geri-fa1'): 'geri-fa1' kan ikke slettes: geri-i1, geri-ind1, geri-pre1, geri-pre2, reum-i1 henviser stadig til den"
    ]


def test_delete_with_its_referrers_in_the_same_change_set(small_store):
    applied = small_store.apply(ChangeSet(deletes=["geri-fa2"]), "test")
    assert applied.deleted == ["geri-fa2"]
    assert "geri-fa2" not in small_store.get(["geri-fa2"])


def test_document_problems_name_file_section_and_position(small_doc):
    small_doc["format"] = "ambition-tracker/v0"
    small_doc["extra_section"] = []
    small_doc["initiatives"][1]["status"] = "busy"
    small_doc["sites"][0]["lat"] = "north"
    with pytest.raises(InvalidChangeSet) as exc:
        changeset_from_document(small_doc, "plan.yaml")
    assert problems(exc) == [
        "plan.yaml, field 'format': format must be 'ambition-tracker/v1', found 'ambition-tracker/v0'",
        "plan.yaml, field 'extra_section': unknown field",
        "plan.yaml: sites[0] (id 'holb'), field 'lat': must be a number",
        "plan.yaml: initiatives[1] (id 'reum-i1'), field 'status': 'busy' is not one of: planned, in_progress, done, paused, stopped",
    ]
