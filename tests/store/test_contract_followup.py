"""The store contract for the follow-up kinds (issue 21): check-ins and signals are stored, linked, audited
and refused alike on SQLite and on real Bolt servers."""
from __future__ import annotations

import pytest

from graph.changeset import ChangeSet, parse_record
from graph.portfolio import PortfolioGraph
from graph.problems import InvalidChangeSet
from tests.store.test_contract import small_changes


def check_in(item_id: str, subject: str, **fields) -> object:
    return parse_record("check_in", {"id": item_id, "subject": subject, "period": "2026-11-01", "status": "at_risk", **fields}, "t")


def test_check_ins_and_signals_are_stored_linked_and_audited(store):
    store.apply(small_changes(), "mette")
    signal = parse_record("signal", {"id": "s1", "subject": "geri-fa1", "text": "Nattevagter", "raised_by": "bjorn"}, "t")
    applied = store.apply(ChangeSet([check_in("c1", "geri-i1", needs=["geri-pre1"], by="eva"), signal]), "eva")
    assert (applied.revision, sorted(applied.created)) == (2, ["c1", "s1"])
    assert store.get(["c1"])["c1"].data == {"id": "c1", "subject": "geri-i1", "period": "2026-11-01", "status": "at_risk",
                                             "needs": ["geri-pre1"], "by": "eva"}
    pg = PortfolioGraph.from_store(store)
    assert (pg.into("geri-i1", "REPORTS_ON"), pg.out("c1", "ASKS_FOR"), pg.into("geri-fa1", "SIGNALS")) == (["c1"], ["geri-pre1"], ["s1"])
    assert (pg.specialty_of("c1"), pg.specialty_of("s1")) == ("geri", "geri")
    assert store.audit(limit=1)[0].changes == [("create", "check_in", "c1"), ("create", "signal", "s1")]
    # what a check-in names cannot be deleted from under it
    with pytest.raises(InvalidChangeSet) as refused:
        store.apply(ChangeSet(deletes=["geri-pre1"]), "mette")
    assert [p.code for p in refused.value.problems] == ["still_referenced"]
    assert store.revision() == 2


def test_a_check_in_on_what_does_not_exist_or_cannot_report_is_refused_whole(store):
    store.apply(small_changes(), "mette")
    with pytest.raises(InvalidChangeSet) as refused:
        store.apply(ChangeSet([check_in("c1", "geri-i1"), check_in("c2", "nowhere"), check_in("c3", "geri-ind1")]), "eva")
    assert sorted((p.item, p.code) for p in refused.value.problems) == [("c2", "dangling"), ("c3", "wrong_kind")]
    assert store.revision() == 1 and "c1" not in store.get(["c1"])
