"""`tracker diff --since DATE|REVISION [--specialty ID] [--format text|json]`: net changes, grouped, field by field."""
from __future__ import annotations

import datetime as dt
import json

from graph.changeset import ChangeSet, parse_record
from graph.store.sqlite import SQLiteStore


def changes_after_import(store_path) -> None:
    with SQLiteStore(store_path) as store:
        fa = store.get(["geri-fa2"])["geri-fa2"].data
        store.apply(ChangeSet([parse_record("focus_area", {**fa, "title": "Fælles vagtlag i hele regionen"}, "t"),
                               parse_record("focus_area", {"id": "geri-fa3", "ambition": "geri-amb", "title": "Tværfaglige teams"}, "t")]),
                    "bjorn")
        store.apply(ChangeSet(deletes=["orphan-i"]), "mette")
        reum = store.get(["reum-fa1"])["reum-fa1"].data
        store.apply(ChangeSet([parse_record("focus_area", {**reum, "title": "Rekruttering nu"}, "t")]), "karen")


def test_diff_since_a_revision_of_one_specialty_as_text(cli, loaded):
    changes_after_import(loaded)
    result = cli("diff", "--since", "r1", "--specialty", "geri")
    assert result.code == 0, result.err
    assert result.out == (
        "Ændringer efter revision 1 til og med revision 4 (speciale geri):\n"
        "Tilføjet (1):\n"
        "  Strategisk indsatsområde geri-fa3  Tværfaglige teams  (bjorn)\n"
        "Ændret (1):\n"
        "  Strategisk indsatsområde geri-fa2  Fælles vagtlag i hele regionen  (bjorn)\n"
        "      title: Fælles vagtlag -> Fælles vagtlag i hele regionen\n"
        "Fjernet (0)\n"
    )


def test_diff_as_json_of_the_whole_portfolio_and_by_date(cli, loaded):
    changes_after_import(loaded)
    result = cli("diff", "--since", "2", "--format", "json")
    doc = json.loads(result.out)
    assert (doc["since"], doc["revision"], doc["specialty"]) == (2, 4, None)
    assert [(i["id"], i["by"]) for i in doc["removed"]] == [("orphan-i", ["mette"])]
    assert [(i["id"], i["fields"]) for i in doc["changed"]] == [
        ("reum-fa1", [{"field": "title", "before": "Rekruttering af reumatologer", "after": "Rekruttering nu"}])
    ]
    assert doc["added"] == []
    today = cli("diff", "--since", dt.date.today().isoformat(), "--format", "json")
    assert json.loads(today.out)["since"] == 0  # everything was written today
    tomorrow = cli("diff", "--since", (dt.date.today() + dt.timedelta(days=1)).isoformat(), "--format", "json")
    assert json.loads(tomorrow.out)["added"] == [] and json.loads(tomorrow.out)["since"] == 4


def test_diff_refuses_what_is_no_date_revision_or_decision_and_an_unknown_specialty(cli, loaded):
    bad = cli("diff", "--since", "i går")
    assert (bad.code, bad.err) == (1, "'i går' er hverken en dato (ÅÅÅÅ-MM-DD), en revision (r12) eller en beslutning\n")
    english = cli("diff", "--since", "i går", "--lang", "en")
    assert english.err == "'i går' is neither a date (YYYY-MM-DD), a revision (r12) nor a decision\n"
    unknown = cli("diff", "--since", "1", "--specialty", "nope")
    assert (unknown.code, unknown.err) == (1, "'nope' er ikke et speciale\n")
