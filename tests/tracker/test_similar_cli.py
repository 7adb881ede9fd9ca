"""`tracker similar` and the element pairs of `tracker synergies`, end to end through main(argv) (issue 15)."""
from __future__ import annotations

import json


def test_similar_text_names_the_match_and_its_reasons(cli, loaded):
    run = cli("similar", "geri-i1")
    assert run.code == 0
    assert run.out == (
        "geri-i1 Fælles undervisning\n"
        "  reum-i1 Fælles rekrutteringskampagne (Reumatologi; point 3.44)\n"
        "    - fælles person: Eva Holm\n"
        "    - ligner i tekst: fælles\n"
        "    - samme sygehus: Holbæk Sygehus\n"
    )
    english = cli("--lang", "en", "similar", "geri-ch1")
    assert english.out == "geri-ch1 For stor faglig specialisering\n  No similar work in other specialties.\n"


def test_similar_json_is_the_api_shape(cli, loaded):
    doc = json.loads(cli("similar", "geri-fa1", "--format", "json", "--limit", "1").out)
    assert doc["item"] == "geri-fa1"
    [match] = doc["similar"]
    assert (match["source"], match["target"], match["kind"], match["specialty"], match["score"]) == (
        "geri-fa1", "reum-fa1", "focus_area", "reum", 2.25)
    assert [(r["kind"], r["text"], r["text_en"]) for r in match["reasons"]] == [
        ("person", "fælles person: Eva Holm", "person in common: Eva Holm"),
        ("theme", "samme tema: Rekruttering og fastholdelse", "same theme: Recruitment and retention"),
    ]


def test_similar_refuses_what_is_not_an_element_it_compares(cli, loaded):
    run = cli("similar", "geri")
    assert (run.code, run.err) == (1, "'geri' er ikke en faglig indsats, et indsatsområde eller en kerneudfordring\n")
    english = cli("--lang", "en", "similar", "nope")
    assert english.err == "'nope' is not an initiative, a focus area or a core challenge\n"


def test_synergies_keeps_its_keys_and_adds_element_pairs(cli, loaded):
    doc = json.loads(cli("synergies", "geri", "--format", "json").out)
    assert list(doc) == ["synergies", "pairs"]
    assert [s["specialty"] for s in doc["synergies"]] == ["reum"]
    assert [(g["specialty"], [(p["source"], p["target"]) for p in g["pairs"]]) for g in doc["pairs"]] == [
        ("reum", [("geri-i1", "reum-i1"), ("geri-fa1", "reum-fa1")])]
    text = cli("synergies", "geri").out
    assert "Lignende arbejde, par for par:\nreum Reumatologi\n  geri-i1 <-> reum-i1 (3.44): fælles person: Eva Holm" in text


def test_a_second_command_uses_the_index_the_first_saved_beside_the_store(cli, loaded):
    from graph.queries import similarity_index
    from graph.record import ChangeSet
    from graph.store.sqlite import SQLiteStore

    first = cli("similar", "geri-i1")
    assert first.code == 0
    assert loaded.with_name(loaded.name + ".similar").exists()
    builds = similarity_index.builds
    again = cli("similar", "geri-i1")  # a fresh graph, as a new process has: the saved index answers
    assert (again.code, again.out) == (0, first.out)
    assert cli("synergies", "geri").code == 0
    assert similarity_index.builds == builds
    # after a write, a small index is built afresh once (exact and cheap) and saved again
    with SQLiteStore(loaded) as store:
        store.apply(ChangeSet(deletes=["orphan-i"]), "test")
    assert cli("similar", "geri-i1").out == first.out and similarity_index.builds == builds + 1
    assert cli("similar", "geri-i1").out == first.out and similarity_index.builds == builds + 1
