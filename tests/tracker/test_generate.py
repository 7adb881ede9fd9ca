"""The synthetic portfolio generator: size, determinism, validity and realistic shape."""
from __future__ import annotations

from collections import Counter

import pytest

from graph.vocabulary import THEMES
from importers.document import changeset_from_document
from tracker.generate import generate_document


def items(doc: dict) -> int:
    """Every item of a document, the programme and roles included."""
    return 1 + sum(len(v) for v in doc.values() if isinstance(v, list))


@pytest.mark.parametrize("nodes", [200, 1000, 3000, 12_000])
def test_size_is_within_ten_percent(nodes):
    assert abs(items(generate_document(nodes)) - nodes) <= nodes // 10


def test_same_seed_same_document_other_seed_other_document():
    assert generate_document(800, seed=3) == generate_document(800, seed=3)
    assert generate_document(800, seed=3) != generate_document(800, seed=4)


def test_imports_cleanly_into_an_empty_store(sqlite_store):
    doc = generate_document(3000)
    applied = sqlite_store.apply(changeset_from_document(doc, "generated.json"), "test")
    assert len(applied.created) == items(doc)
    assert 2700 <= len(applied.created) <= 3300
    assert sqlite_store.counts()["initiative"] == len(doc["initiatives"])


def test_ids_are_unique():
    doc = generate_document(5000, seed=9)
    ids = [item["id"] for key, value in doc.items() if isinstance(value, list) and key != "roles" for item in value]
    assert len(ids) == len(set(ids))
    roles = [(r["person"], r["role"], r.get("specialty") or r.get("strength_position") or r.get("programme")) for r in doc["roles"]]
    assert len(roles) == len(set(roles))


def test_shape_of_a_specialty():
    doc = generate_document(3000)
    specialties = [s["id"] for s in doc["specialties"]]
    assert len(specialties) == 27
    assert specialties[:4] == ["lunge", "reum", "geri", "kard"]
    focus_per_ambition = Counter(f["ambition"] for f in doc["focus_areas"])
    assert all(4 <= n <= 6 for n in focus_per_ambition.values())
    challenges = Counter(c["ambition"] for c in doc["challenges"])
    assert all(4 <= n <= 8 for n in challenges.values())
    prerequisites = Counter(p["ambition"] for p in doc["prerequisites"])
    assert all(3 <= n <= 6 for n in prerequisites.values())
    positions = Counter(p["specialty"] for p in doc["strength_positions"])
    assert all(1 <= n <= 2 for n in positions.values())
    indicators = Counter(i["focus_area"] for i in doc["indicators"])
    assert max(indicators.values()) <= 3
    per_specialty = len(doc["initiatives"]) / len(specialties)
    assert 45 <= per_specialty <= 75
    assert {t for f in doc["focus_areas"] for t in f["themes"]} <= set(THEMES)
    assert {r["role"] for r in doc["roles"]} == {"specialty_owner", "implementation_lead", "core_team", "secretariat", "steering_group"}
    acute = [s for s in doc["sites"] if s["kind"] == "acute_hospital"]
    assert [s["id"] for s in doc["sites"][:6]] == ["holb", "slag", "nyk", "koege", "rosk", "naest"]
    assert len(acute) >= 4


def test_deliberate_gaps_are_there():
    doc = generate_document(6000)
    assert any("focus_areas" not in i for i in doc["initiatives"])  # orphans
    assert any("owner" not in i for i in doc["initiatives"])
    served = {f for i in doc["initiatives"] for f in i.get("focus_areas", ())}
    assert any(f["id"] not in served for f in doc["focus_areas"])
    measured = {i["focus_area"] for i in doc["indicators"]}
    assert any(f["id"] not in measured for f in doc["focus_areas"])
    led = {r["strength_position"] for r in doc["roles"] if r["role"] == "implementation_lead"}
    assert any(p["id"] not in led for p in doc["strength_positions"])


def test_a_hundred_thousand_nodes():
    """Size only; the time it takes is measured in benchmarks/."""
    assert items(generate_document(100_000)) == 100_000
