"""Synergies between specialties and the theme heat map."""
from __future__ import annotations

import pytest

from graph.changeset import ChangeSet, parse_record
from graph.portfolio import PortfolioGraph
from graph.queries import NotFound, synergies, synergies_json, theme_heatmap
from importers.document import FORMAT, changeset_from_document

GERI_REUM_REASONS = [
    {"kind": "theme", "ids": ["recruitment_retention"],
     "text": 'Begge specialer arbejder med temaet "Rekruttering og fastholdelse".',
     "text_en": 'Both specialties work on the theme "Recruitment and retention".'},
    {"kind": "site", "ids": ["holb"],
     "text": "Begge specialer arbejder på Holbæk Sygehus (Geriatri: styrkeposition, kerneudfordring, situationsbillede; "
             "Reumatologi: styrkeposition, kerneudfordring).",
     "text_en": "Both specialties work at Holbæk Sygehus (Geriatri: strength position, core challenge, situation picture; "
                "Reumatologi: strength position, core challenge)."},
    {"kind": "person", "ids": ["bjorn"],
     "text": "Bjørn Berg har roller i begge specialer (Geriatri: specialeejer; Reumatologi: kerneteam).",
     "text_en": "Bjørn Berg has roles in both specialties (Geriatri: specialty owner; Reumatologi: core team)."},
    {"kind": "person", "ids": ["eva"],
     "text": "Eva Holm har roller i begge specialer (Geriatri: implementeringsansvarlig, ejer af faglig indsats; "
             "Reumatologi: ejer af faglig indsats).",
     "text_en": "Eva Holm has roles in both specialties (Geriatri: implementation lead, initiative owner; "
                "Reumatologi: initiative owner)."},
    {"kind": "initiative", "ids": ["reum-i1"],
     "text": 'Den faglige indsats "Fælles rekrutteringskampagne" tjener indsatsområder i begge specialer.',
     "text_en": 'The initiative "Fælles rekrutteringskampagne" serves focus areas of both specialties.'},
    {"kind": "challenge", "ids": ["geri-ch1", "reum-ch1"],
     "text": 'Kerneudfordringerne "For stor faglig specialisering" og "Rekruttering" ligner hinanden: '
             'samme tema (Rekruttering og fastholdelse).',
     "text_en": 'The core challenges "For stor faglig specialisering" and "Rekruttering" are alike: '
                'same theme (Recruitment and retention).'},
]


def test_geri_and_reum_share_theme_site_people_initiative_and_challenge(small_graph):
    found = synergies(small_graph, "geri")
    assert synergies_json(found) == {"synergies": [
        {"specialty": "reum", "name": "Reumatologi", "score": 1 + 2 + 3 + 3 + 3 + 2, "reasons": GERI_REUM_REASONS},
    ]}


def test_synergy_is_seen_from_both_sides(small_graph):
    [reum_side] = synergies(small_graph, "reum")
    assert (reum_side.specialty, reum_side.score) == ("geri", 14)
    assert [(r["kind"], r["ids"]) for r in reum_side.reasons] == [
        ("theme", ["recruitment_retention"]), ("site", ["holb"]), ("person", ["bjorn"]), ("person", ["eva"]),
        ("initiative", ["reum-i1"]), ("challenge", ["reum-ch1", "geri-ch1"]),
    ]
    assert reum_side.reasons[2]["text"] == "Bjørn Berg har roller i begge specialer (Reumatologi: kerneteam; Geriatri: specialeejer)."


def _tiny() -> dict:
    """Three specialties: a and b share a partner site, a word and a prerequisite; c shares nothing."""
    return {
        "format": FORMAT,
        "programme": {"id": "p", "name": "P"},
        "sites": [{"id": "x", "name": "Køge"}, {"id": "y", "name": "Næstved"}, {"id": "z", "name": "Nykøbing"}],
        "specialties": [{"id": "a", "name": "Kardiologi"}, {"id": "b", "name": "Nefrologi"}, {"id": "c", "name": "Akutmedicin"}],
        "strength_positions": [
            {"id": "a-sp", "specialty": "a", "sites": ["x"], "partner_sites": ["y"]},
            {"id": "b-sp", "specialty": "b", "sites": ["y"]},
            {"id": "c-sp", "specialty": "c", "sites": ["z"]},
        ],
        "ambitions": [{"id": f"{s}-amb", "specialty": s, "statement": s} for s in "abc"],
        "challenges": [
            {"id": "a-ch", "ambition": "a-amb", "title": "Mangel på sygeplejersker", "themes": ["staff_capacity"]},
            {"id": "b-ch", "ambition": "b-amb", "title": "Sygeplejersker søger væk", "themes": ["wellbeing"]},
            {"id": "c-ch", "ambition": "c-amb", "title": "Lange ventetider"},
        ],
        "prerequisites": [
            {"id": "a-pre", "ambition": "a-amb", "text": "Midler til uddannelse", "kind": "temporary_resources"},
            {"id": "b-pre", "ambition": "b-amb", "text": "Uddannelse af personale", "kind": "temporary_resources"},
            {"id": "b-pre2", "ambition": "b-amb", "text": "Beslutning om uddannelse", "kind": "management_decision"},
            {"id": "c-pre", "ambition": "c-amb", "text": "Mere løn", "kind": "temporary_resources"},
        ],
    }


def test_partner_site_word_overlap_and_prerequisites():
    pg = PortfolioGraph(changeset_from_document(_tiny()).upserts)
    assert synergies_json(synergies(pg, "a")) == {"synergies": [{
        "specialty": "b", "name": "Nefrologi", "score": 2 + 2 + 1,
        "reasons": [
            {"kind": "site", "ids": ["y"],
             "text": "Begge specialer arbejder på Næstved (Kardiologi: samarbejdende sygehus; Nefrologi: styrkeposition).",
             "text_en": "Both specialties work at Næstved (Kardiologi: partner hospital; Nefrologi: strength position)."},
            {"kind": "challenge", "ids": ["a-ch", "b-ch"],
             "text": 'Kerneudfordringerne "Mangel på sygeplejersker" og "Sygeplejersker søger væk" ligner hinanden: '
                     'fælles ord (sygeplejersker).',
             "text_en": 'The core challenges "Mangel på sygeplejersker" and "Sygeplejersker søger væk" are alike: '
                        'shared word (sygeplejersker).'},
            {"kind": "prerequisite", "ids": ["a-pre", "b-pre"],
             "text": 'Forudsætningerne "Midler til uddannelse" og "Uddannelse af personale" ligner hinanden: '
                     'samme type (Midlertidige ressourcer) og fælles ord (uddannelse).',
             "text_en": 'The prerequisites "Midler til uddannelse" and "Uddannelse af personale" are alike: '
                        'same kind (Temporary resources) and shared word (uddannelse).'},
        ],
    }]}
    assert synergies(pg, "c") == []  # same kind, but no word of five letters or more in common


def test_ranking_by_score_then_name():
    doc = _tiny()
    doc["people"] = [{"id": "kim", "name": "Kim"}]
    doc["roles"] = [{"person": "kim", "role": "core_team", "specialty": s} for s in "abc"]
    pg = PortfolioGraph(changeset_from_document(doc).upserts)
    assert [(s.specialty, s.score) for s in synergies(pg, "a")] == [("b", 8), ("c", 3)]
    assert [(s.name, s.score) for s in synergies(pg, "b")] == [("Kardiologi", 8), ("Akutmedicin", 3)]
    assert [(s.name, s.score) for s in synergies(pg, "c")] == [("Kardiologi", 3), ("Nefrologi", 3)]


def test_synergies_of_something_else_raises_not_found(small_graph):
    with pytest.raises(NotFound) as caught:
        synergies(small_graph, "geri-fa1")
    assert str(caught.value) == "Fandt ingen speciale med id 'geri-fa1'"


def test_theme_heatmap(small_graph):
    heat = theme_heatmap(small_graph)
    assert heat["themes"][0] == {"key": "strong_environments", "perspective": "professional",
                                 "da": "Stærke faglige miljøer", "en": "Strong professional environments"}
    assert len(heat["themes"]) == 12
    nonzero = {row["id"]: {k: n for k, n in row["counts"].items() if n} for row in heat["specialties"]}
    assert nonzero == {
        # geri: fa1, ch1 and reum-i1 carry recruitment_retention; geri-i1 professional_development
        "geri": {"strong_environments": 1, "professional_development": 1, "recruitment_retention": 3, "responsibility": 1},
        "reum": {"recruitment_retention": 3},
    }
    assert [row["id"] for row in heat["specialties"]] == ["geri", "reum"]
    assert all(len(row["counts"]) == 12 for row in heat["specialties"])
    assert theme_heatmap(small_graph, "other")["specialties"] == []


def test_synergies_follow_updates_through_the_store(small_store):
    pg = PortfolioGraph.from_store(small_store)
    small_store.apply(ChangeSet([
        parse_record("initiative", {"id": "reum-i1", "title": "Fælles rekrutteringskampagne", "focus_areas": ["reum-fa1"],
                                    "themes": ["recruitment_retention"]}, "t"),
    ], deletes=["role~bjorn~core_team~reum"]), "test")
    pg.refresh(small_store)
    [reum] = synergies(pg, "geri")
    assert [(r["kind"], r["ids"]) for r in reum.reasons] == [
        ("theme", ["recruitment_retention"]), ("site", ["holb"]), ("challenge", ["geri-ch1", "reum-ch1"]),
    ]
    assert reum.score == 5
