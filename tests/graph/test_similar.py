"""Similar work across specialties (issue 15): matches, reasons, links people made, and quality on a labelled set."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.changeset import parse_record
from graph.portfolio import PortfolioGraph
from graph.queries import NotFound
from graph.queries.similar import MIN_SCORE, pairs_of_specialty, similar, similar_json
from graph.queries.similar_quality import quality
from importers.document import FORMAT, changeset_from_document
from tracker.demo import demo_document

FIXTURES = Path(__file__).parent.parent / "fixtures"


def graph_of(doc: dict) -> PortfolioGraph:
    return PortfolioGraph(changeset_from_document(doc).upserts)


@pytest.fixture(scope="module")
def demo() -> PortfolioGraph:
    return graph_of(demo_document())


def _two() -> dict:
    """Two specialties with one recruitment campaign each at Holbæk, and unrelated work."""
    return {
        "format": FORMAT,
        "programme": {"id": "p", "name": "P"},
        "sites": [{"id": "holb", "name": "Holbæk"}, {"id": "nyk", "name": "Nykøbing F."}],
        "specialties": [{"id": "geri", "name": "Geriatri"}, {"id": "reum", "name": "Reumatologi"}],
        "strength_positions": [{"id": "geri-sp", "specialty": "geri", "sites": ["holb"]},
                               {"id": "reum-sp", "specialty": "reum", "sites": ["nyk"]}],
        "people": [{"id": "eva", "name": "Eva Holm"}],
        "support_offers": [{"id": "kampagne", "title": "Regionens rekrutteringskampagne"}],
        "ambitions": [{"id": f"{s}-amb", "specialty": s, "statement": s} for s in ("geri", "reum")],
        "focus_areas": [{"id": f"{s}-fa", "ambition": f"{s}-amb", "title": "Robust drift"} for s in ("geri", "reum")],
        "initiatives": [
            {"id": "geri-i1", "title": "Rekrutteringskampagne for sygeplejersker", "focus_areas": ["geri-fa"],
             "site": "holb", "owner": "eva", "themes": ["recruitment_retention"], "draws_on": ["kampagne"]},
            {"id": "reum-i1", "title": "Kampagne: rekruttering af sygeplejersker", "focus_areas": ["reum-fa"],
             "site": "holb", "owner": "eva", "themes": ["recruitment_retention"], "draws_on": ["kampagne"]},
            {"id": "reum-i2", "title": "Ny instruks for biologisk behandling", "focus_areas": ["reum-fa"],
             "strength_position": "reum-sp", "themes": ["uniform_treatment"]},
        ],
    }


def test_a_match_says_why_in_both_languages_and_links_both_ids():
    pg = graph_of(_two())
    [match] = similar(pg, "geri-i1")
    doc = match.to_json()
    assert (doc["source"], doc["target"], doc["kind"], doc["specialty"], doc["strong"], doc["link"]) == (
        "geri-i1", "reum-i1", "initiative", "reum", True, None)
    # the compound "rekrutteringskampagne" meets "kampagne" and "rekruttering"; stop words ("for", "af") are left out
    assert [(r["kind"], r["ids"], r["text"], r["text_en"]) for r in doc["reasons"]] == [
        ("text", [], "ligner i tekst: sygeplejersker, rekruttering, kampagne",
         "alike in text: sygeplejersker, rekruttering, kampagne"),
        ("person", ["eva"], "fælles person: Eva Holm", "person in common: Eva Holm"),
        ("offer", ["kampagne"], "samme støttetilbud: Regionens rekrutteringskampagne",
         "same support offer: Regionens rekrutteringskampagne"),
        ("site", ["holb"], "samme sygehus: Holbæk", "same hospital: Holbæk"),
        ("theme", ["recruitment_retention"], "samme tema: Rekruttering og fastholdelse",
         "same theme: Recruitment and retention"),
    ]
    assert [r["points"] for r in doc["reasons"][1:]] == [1.5, 1.5, 0.75, 0.75]
    assert doc["score"] == round(sum(r["points"] for r in doc["reasons"]), 2)
    # the unrelated instruction shares nothing that makes it alike: not suggested
    assert [m.target for m in similar(pg, "reum-i2", min_score=0)] == []


def test_the_demo_joint_recruitment_campaign_is_each_others_top_match(demo):
    [top, *_] = similar(demo, "geri-i1")
    [back, *_] = similar(demo, "reum-i1")
    assert (top.target, back.target) == ("reum-i1", "geri-i1")
    assert [r.text for r in top.reasons] == [
        "ligner i tekst: rekrutteringskampagne, rekruttering, fælles",
        "nævner hinandens speciale: Reumatologi og Geriatri",
        "samme støttetilbud: Fælles rekrutteringskampagne i Region Sjælland",
        "samme sygehus: Holbæk Sygehus",
        "samme tema: Rekruttering og fastholdelse",
    ]
    assert top.score == back.score > 2 * MIN_SCORE


def test_only_other_specialties_and_the_same_kind_are_suggested(demo):
    for item in ("geri-i1", "geri-fa1", "geri-ch1", "lunge-i8", "kard-fa3"):
        own = demo.specialty_of(item)
        for m in similar(demo, item, limit=10, min_score=0):
            assert m.specialty != own and m.kind == demo.kind(item)


def test_similar_of_something_else_raises_not_found(demo):
    with pytest.raises(NotFound):
        similar(demo, "geri")
    with pytest.raises(NotFound):
        similar(demo, "nothing")


def _with_links(*links: dict) -> PortfolioGraph:
    doc = _two()
    doc["synergy_links"] = list(links)
    return graph_of(doc)


def test_a_joint_link_comes_first_on_both_sides_with_its_reason_and_maker():
    pg = _with_links({"id": "l1", "source": "reum-i2", "target": "geri-i1", "link": "joint", "reason": "Samme ambulatorium",
                      "by": "eva"})
    for item, other in (("geri-i1", "reum-i2"), ("reum-i2", "geri-i1")):
        first = similar(pg, item)[0].to_json()
        assert (first["target"], first["link"]["id"], first["link"]["link"]) == (other, "l1", "joint")
        assert (first["reasons"][0]["text"], first["reasons"][0]["text_en"]) == (
            "markeret som fælles indsats af Eva Holm: Samme ambulatorium",
            "marked as a joint effort by Eva Holm: Samme ambulatorium")
    assert [m.target for m in similar(pg, "geri-i1")] == ["reum-i2", "reum-i1"]


def test_a_dismissed_pair_is_hidden_for_that_specialty_only():
    pg = _with_links({"id": "d1", "source": "geri-i1", "target": "reum-i1", "link": "dismissed", "specialty": "geri",
                      "by": "eva"})
    assert [m.target for m in similar(pg, "geri-i1")] == []
    assert [m.target for m in similar(pg, "reum-i1")] == ["geri-i1"]
    assert [m.target for m in similar(pg, "reum-i1", specialty="geri")] == []


def test_the_index_follows_the_revision():
    pg = graph_of(_two())
    assert [m.target for m in similar(pg, "geri-i1")] == ["reum-i1"]
    moved = parse_record("initiative", {"id": "reum-i1", "title": "Ny vagtplan", "focus_areas": ["reum-fa"],
                                        "strength_position": "reum-sp"}, "initiatives[0]")
    pg.apply([moved])
    pg.revision += 1
    assert [m.target for m in similar(pg, "geri-i1")] == []


def test_pairs_of_a_specialty_are_grouped_by_the_other_specialty(demo):
    groups = pairs_of_specialty(demo, "geri")
    by_id = {g["specialty"]: g for g in groups}
    assert groups[0]["specialty"] == "reum"
    first = by_id["reum"]["pairs"][0]
    assert (first["source"], first["target"]) == ("geri-i1", "reum-i1")
    assert all(p["specialty"] == g["specialty"] for g in groups for p in g["pairs"])
    assert [g["score"] for g in groups] == sorted((g["score"] for g in groups), reverse=True)
    with pytest.raises(NotFound):
        pairs_of_specialty(demo, "geri-i1")


def test_json_shape(demo):
    doc = similar_json("geri-i1", similar(demo, "geri-i1", limit=1))
    assert list(doc) == ["item", "similar"]
    assert list(doc["similar"][0]) == ["source", "target", "kind", "specialty", "score", "strong", "reasons", "link"]


def test_precision_at_three_on_the_labelled_set(demo):
    labels = yaml.safe_load((FIXTURES / "similar_labels.yaml").read_text(encoding="utf-8"))
    built = graph_of(yaml.safe_load((FIXTURES / "similar_portfolio.yaml").read_text(encoding="utf-8")))
    hits = misses = found = wanted = 0
    for pg, name in ((built, "similar_portfolio"), (demo, "demo")):
        lab = labels[name]
        q = quality(pg, lab.get("same", []), lab.get("not_same", []), closed=lab["closed"], k=3)
        hits, misses, found, wanted = hits + q.hits, misses + q.misses, found + q.found, wanted + q.wanted
    assert hits / (hits + misses) >= 0.8
    assert found / wanted >= 0.8


@pytest.mark.parametrize("name", ["graph.queries.similar", "graph.queries.textsim", "graph.queries.similarity_index"])
def test_the_docstring_examples_run(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0


def test_a_large_index_is_rebuilt_in_the_background_while_the_old_one_answers(monkeypatch):
    import threading

    from graph.queries import similarity_index

    pg = graph_of(_two())
    first = similarity_index.index_of(pg)
    monkeypatch.setattr(similarity_index, "BACKGROUND_FROM", 0)
    gone = parse_record("initiative", {"id": "reum-i1", "title": "Ny vagtplan", "focus_areas": ["reum-fa"],
                                       "strength_position": "reum-sp"}, "initiatives[0]")
    pg.apply([gone])
    pg.revision += 1
    assert similarity_index.index_of(pg) is first  # answers at once, from the previous revision
    for thread in threading.enumerate():
        if thread.name == "similarity-index":
            thread.join(timeout=30)
    assert similarity_index.index_of(pg).revision == pg.revision
    assert [m.target for m in similar(pg, "geri-i1")] == []
