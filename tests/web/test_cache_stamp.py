"""A cached answer computed while the graph moved on is not kept (issue 19, point 9)."""
from __future__ import annotations

import copy

from graph.changeset import parse_record
from graph.record import ChangeSet
from tests.conftest import SMALL


def test_an_answer_computed_before_a_write_is_not_stored_after_it(app, client):
    holder = app.extensions["portfolio"]
    data = copy.deepcopy(next(i for i in SMALL["initiatives"] if i["id"] == "geri-i1"))

    def compute_while_another_request_writes() -> str:
        title = holder.current().data("geri-i1")["title"]  # read at the old revision
        data["title"] = "Skrevet imens"
        holder.store.apply(ChangeSet([parse_record("initiative", data, "test")]), "test")
        holder.current()  # another thread's request applies the write and forgets what it moved
        return title

    old = holder.cache.get("title", "geri-i1", "geri", compute_while_another_request_writes)
    assert old != "Skrevet imens"
    assert ("title", "geri-i1") not in holder.cache
    assert holder.cache.get("title", "geri-i1", "geri", lambda: holder.current().data("geri-i1")["title"]) == "Skrevet imens"
    assert ("title", "geri-i1") in holder.cache


def test_an_answer_computed_between_writes_is_kept(app, client):
    holder = app.extensions["portfolio"]
    assert holder.cache.get("n", None, None, lambda: 7) == 7
    assert holder.cache.get("n", None, None, lambda: 8) == 7


def test_the_upload_cap_is_the_one_the_unpacked_limit_of_a_workbook_is_in_proportion_to(app):
    from importers.limits import UPLOAD_MAX_BYTES

    assert app.config["MAX_CONTENT_LENGTH"] == UPLOAD_MAX_BYTES == 20 * 1024 * 1024
