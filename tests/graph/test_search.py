"""Search on the small portfolio: by display text or id, grouped by kind, best first."""
from __future__ import annotations

from graph.queries.search import SearchGroup, search_elements, search_index


def test_search_groups_by_kind_best_first(small_graph):
    assert search_elements(small_graph, "fælles") == [
        SearchGroup("ambition", ["geri-amb"], 1),
        SearchGroup("prerequisite", ["geri-pre2"], 1),
        SearchGroup("focus_area", ["geri-fa2"], 1),
        SearchGroup("initiative", ["reum-i1", "geri-i1"], 2),
    ]


def test_search_matches_ids_and_ignores_case(small_graph):
    assert search_elements(small_graph, "  REUM-H ") == [SearchGroup("strength_position", ["reum-h"], 1)]
    assert search_elements(small_graph, "eva") == [SearchGroup("person", ["eva"], 1)]


def test_search_limit_keeps_total(small_graph):
    assert search_elements(small_graph, "geri", limit=2)[0].to_json() == {"kind": "specialty", "ids": ["geri"], "total": 1}
    groups = {g.kind: g for g in search_elements(small_graph, "geri", limit=2)}
    assert groups["challenge"] == SearchGroup("challenge", ["geri-ch1", "geri-ch2"], 2)
    assert groups["initiative"].total == 1


def test_empty_query_finds_nothing(small_graph):
    assert search_elements(small_graph, "   ") == []


def test_index_reused(small_graph):
    index = search_index(small_graph)
    assert [row[:3] for row in index["site"]] == [("holbæk sygehus", "holbæk sygehus", "holb"), ("slagelse sygehus", "slagels sygehus", "slag"),
                                              ("roskilde sygehus", "roskild sygehus", "rosk")]
    assert search_elements(small_graph, "sygehus", index=index) == [SearchGroup("site", ["holb", "rosk", "slag"], 3)]


def test_the_docstring_examples_run():
    import doctest

    import graph.queries.search as module

    result = doctest.testmod(module)
    assert result.failed == 0
    assert result.attempted >= 1
