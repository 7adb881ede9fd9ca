"""The rules of graph/cache, each on its own: a test per rule that fails when the rule is wrong."""
from __future__ import annotations

from graph.cache.followed import SHOWN_MARGIN, Followed
from graph.cache.page import EVERYTHING, PARTNERS, PARTNERS_HTML, SIMILAR, PageCache
from graph.cache.touched import touched_specialties
from graph.examples import example_graph


def test_an_answer_computed_while_a_write_runs_is_handed_out_but_not_kept() -> None:
    cache = PageCache()

    def during_write() -> str:
        with cache.moving():
            return "read before the write"

    assert cache.get("coverage", "geri", "geri", during_write) == "read before the write"
    assert ("coverage", "geri") not in cache
    with cache.moving():
        assert cache.get("coverage", "geri", "geri", lambda: "mid-write") == "mid-write"
    assert len(cache) == 0
    assert cache.get("coverage", "geri", "geri", lambda: "after") == "after"
    assert cache.get("coverage", "geri", "geri", lambda: "not asked again") == "after"


def test_a_write_forgets_its_specialties_and_the_whole_portfolios_answers_only() -> None:
    cache = PageCache()
    cache.get("row", "geri", "geri", lambda: 1)
    cache.get("row", "endo", "endo", lambda: 2)
    cache.get("programme", "all", EVERYTHING, lambda: 3)
    cache.get(SIMILAR, ("geri-i1",), "geri", lambda: [])
    cache.forget({"geri"}, keep=frozenset({SIMILAR}))
    assert ("row", "geri") not in cache and ("programme", "all") not in cache
    assert ("row", "endo") in cache and (SIMILAR, ("geri-i1",)) in cache
    cache.forget(None)
    assert len(cache) == 0


def _partners(shown: list[tuple[str, int, list[str]]], total: int, scores: dict[str, int]) -> tuple:
    return ([{"specialty": s, "score": sc, "reasons": [{"ids": ids}]} for s, sc, ids in shown], total, scores)


def test_a_partner_list_goes_when_it_shows_a_changed_profile_and_stays_when_no_score_moves() -> None:
    cache = PageCache()
    cache.get(PARTNERS, "geri", "geri", lambda: _partners([("endo", 5, ["endo-i1"])], 1, {"endo": 5}))
    cache.get(PARTNERS_HTML, "geri", "geri", lambda: "<ul>")
    cache.get(PARTNERS, "kard", "kard", lambda: _partners([("endo", 4, [])], 1, {"endo": 4}))
    cache.get(PARTNERS, "neph", "neph", lambda: _partners([("kard", 3, [])], 1, {"kard": 3}))
    scores = {("neph", "geri"): 0, ("neph", "endo"): 2}

    cache.forget_partners({"endo", "geri"}, {"geri"}, lambda a, b: scores.get((a, b), 0), written=None)

    assert (PARTNERS, "geri") not in cache  # its own profile changed
    assert (PARTNERS_HTML, "geri") not in cache  # rendered from it, so forgotten with it
    assert (PARTNERS, "kard") not in cache  # shows endo, which the write touched (a name may read differently)
    assert (PARTNERS, "neph") in cache  # geri scores 0 for it before and after: nothing to show


def test_a_partner_entering_a_full_list_makes_it_stale_and_a_kept_list_learns_the_new_scores() -> None:
    cache = PageCache()
    cache.get(PARTNERS, "neph", "neph", lambda: _partners([("kard", 3, [])], 1, {"kard": 3}))
    cache.forget_partners({"geri"}, {"geri"}, lambda a, b: 0, written=frozenset({"geri-i1"}))
    assert (PARTNERS, "neph") in cache
    cache.forget_partners({"geri"}, {"geri"}, lambda a, b: 1, written=frozenset({"geri-i1"}))
    assert (PARTNERS, "neph") not in cache  # geri now scores > 0: the count "1 of 2" reads differently


def test_a_score_within_the_rounding_margin_of_the_weakest_shown_may_enter_the_list() -> None:
    assert SHOWN_MARGIN == 0.006
    moved = Followed(full=False, dirty=frozenset({"x"}), best_after={"a": 0.5})
    full = [("c", 0.9, False), ("d", 0.505, False)]
    assert moved.may_change("a", full, limit=2)  # 0.5 shows as 0.50 or 0.51 beside 0.505
    assert not moved.may_change("a", [("c", 0.9, False), ("d", 0.507, False)], limit=2)
    # A suggestion made by people is shown whatever its score: it is not the weakest to beat.
    assert not moved.may_change("a", [("c", 0.9, False), ("d", 0.1, True)], limit=1)
    assert moved.may_change("a", [("x", 0.9, False)], limit=5)  # a rewritten element it shows
    assert Followed(full=True).may_change("a", [], limit=5)


def test_a_change_touches_the_specialties_before_and_after_and_an_unpinned_one_touches_all() -> None:
    pg = example_graph()
    assert touched_specialties(pg, ["geri-fa1"]) == {"geri"}
    assert touched_specialties(pg, ["no-such"]) == set()
    programme = next(iter(pg.ids("programme")))
    assert touched_specialties(pg, [programme]) is None
