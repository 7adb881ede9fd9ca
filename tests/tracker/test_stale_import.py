"""Imports that cannot lose work: an export names its revision; an older file never silently overwrites later changes."""
from __future__ import annotations

import threading
from pathlib import Path

import yaml

from graph.changeset import ChangeSet, parse_record
from graph.store.sqlite import SQLiteStore
from importers.guard import StaleImport, guarded_apply
from importers.portfolio_file import read_portfolio

#: The refusal of a file taken at revision 1 after Eva changed geri-fa1.
REFUSED_AT_1 = (
    "intet er skrevet: filen er taget ved revision 1, og 1 element, som den ville overskrive, er ændret siden: "
    "'geri-fa1' (eva) (se forskellen med --dry-run; --force overskriver)"
)


def edit(store_path: Path, actor: str, kind: str, item: str, **fields) -> None:
    with SQLiteStore(store_path) as store:
        rec = store.get([item])[item]
        store.apply(ChangeSet([parse_record(kind, {**rec.data, **fields}, "t")]), actor)


def exported(cli, path: Path) -> dict:
    assert cli("export", "-o", str(path)).code == 0
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def set_title(doc: dict, section: str, item: str, title: str) -> None:
    next(i for i in doc[section] if i["id"] == item)["title"] = title


def test_export_names_its_revision_and_an_old_file_without_one_still_imports(cli, loaded, tmp_path):
    doc = exported(cli, tmp_path / "p.yaml")
    assert list(doc)[:2] == ["format", "revision"] and doc["revision"] == 1
    old = dict(doc)
    del old["revision"]
    set_title(old, "focus_areas", "geri-fa2", "Uden revision")
    (tmp_path / "old.yaml").write_text(yaml.safe_dump(old, allow_unicode=True), encoding="utf-8")
    assert cli("import", str(tmp_path / "old.yaml")).code == 0


def test_stale_file_is_refused_naming_items_and_who_then_dry_run_lists_ids_and_force_overrides(cli, loaded, tmp_path):
    doc = exported(cli, tmp_path / "p.yaml")  # taken at revision 1
    edit(loaded, "eva", "focus_area", "geri-fa1", title="Eva's nye titel")
    set_title(doc, "focus_areas", "geri-fa1", "Min titel")
    set_title(doc, "focus_areas", "geri-fa2", "Også min")
    stale = tmp_path / "stale.yaml"
    stale.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")

    refused = cli("import", str(stale))
    assert (refused.code, refused.err.strip()) == (1, REFUSED_AT_1)
    with SQLiteStore(loaded) as store:
        assert store.revision() == 2
        assert store.get(["geri-fa1"])["geri-fa1"].data["title"] == "Eva's nye titel"
    english = cli("import", str(stale), "--lang", "en")
    assert "1 item it would overwrite has changed since: 'geri-fa1' (eva)" in english.err

    dry = cli("import", str(stale), "--dry-run", "--force", "--lang", "en")
    lines = dry.out.splitlines()
    assert lines[0] == "Dry run, nothing written: 0 created, 2 updated, 0 deleted, 32 unchanged"
    assert lines[1:3] == ["added (0): -", "changed (2): geri-fa1 geri-fa2"]
    assert lines[3].startswith("left alone (32): bass holb")

    forced = cli("import", str(stale), "--force")
    assert forced.code == 0
    with SQLiteStore(loaded) as store:
        assert store.get(["geri-fa1"])["geri-fa1"].data["title"] == "Min titel"


def test_a_file_that_leaves_the_later_change_alone_imports(cli, loaded, tmp_path):
    doc = exported(cli, tmp_path / "p.yaml")
    edit(loaded, "eva", "focus_area", "geri-fa1", title="Eva's nye titel")
    set_title(doc, "focus_areas", "geri-fa1", "Eva's nye titel")  # the same as now: nothing is overwritten
    set_title(doc, "focus_areas", "geri-fa2", "Min")
    path = tmp_path / "ok.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    assert cli("import", str(path)).code == 0


def test_two_concurrent_full_imports_never_lose_a_change_silently(cli, loaded, tmp_path):
    """Ten rounds: two full files taken at the same revision, each changing another item, imported at once."""
    for round_ in range(10):
        doc = exported(cli, tmp_path / f"base{round_}.yaml")
        files = []
        for who, item in (("a", "geri-fa1"), ("b", "geri-fa2")):
            mine = {**doc, "focus_areas": [dict(f) for f in doc["focus_areas"]]}
            set_title(mine, "focus_areas", item, f"{who}{round_}")
            path = tmp_path / f"{who}{round_}.yaml"
            path.write_text(yaml.safe_dump(mine, allow_unicode=True), encoding="utf-8")
            files.append((who, path))
        outcome: dict[str, str] = {}
        start = threading.Barrier(2)

        def run(who: str, path: Path, start: threading.Barrier = start, outcome: dict[str, str] = outcome) -> None:
            changes = read_portfolio(path)
            with SQLiteStore(loaded) as store:
                start.wait()
                try:
                    guarded_apply(store, changes, who)
                    outcome[who] = "imported"
                except StaleImport:
                    outcome[who] = "refused"

        threads = [threading.Thread(target=run, args=f) for f in files]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with SQLiteStore(loaded) as store:
            titles = {i: store.get([i])[i].data["title"] for i in ("geri-fa1", "geri-fa2")}
        # Whatever the order: every import that said "imported" still shows its change.
        assert sorted(outcome.values()) == ["imported", "refused"], outcome
        winner = next(w for w, o in outcome.items() if o == "imported")
        item = "geri-fa1" if winner == "a" else "geri-fa2"
        assert titles[item] == f"{winner}{round_}"


def edited_workbook(path: Path, sheet_title: str, item: str, header: str, value: str) -> None:
    """Change one cell of an exported workbook as a person would in Excel, keeping the rest."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    ws = book[sheet_title]
    headers = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == item:
            row[headers.index(header)].value = value
    book.save(path)


def test_an_exported_workbook_names_its_revision_and_a_stale_one_is_refused(cli, loaded, tmp_path):
    from openpyxl import load_workbook

    workbook = tmp_path / "p.xlsx"
    assert cli("export", "-o", str(workbook)).code == 0  # taken at revision 1
    assert [(p.name, p.value) for p in load_workbook(workbook).custom_doc_props] == [("tracker-revision", 1)]
    edit(loaded, "eva", "focus_area", "geri-fa1", title="Eva's nye titel")
    edited_workbook(workbook, "Indsatsområder", "geri-fa1", "Titel", "Min titel")

    refused = cli("import", str(workbook))
    assert (refused.code, refused.err.strip()) == (1, REFUSED_AT_1)
    with SQLiteStore(loaded) as store:
        assert store.get(["geri-fa1"])["geri-fa1"].data["title"] == "Eva's nye titel"
    assert cli("import", str(workbook), "--force").code == 0
    with SQLiteStore(loaded) as store:
        assert store.get(["geri-fa1"])["geri-fa1"].data["title"] == "Min titel"


def test_a_workbook_whose_revision_property_is_no_number_is_refused_quoting_it(cli, loaded, tmp_path):
    from openpyxl import load_workbook
    from openpyxl.packaging.custom import StringProperty

    workbook = tmp_path / "p.xlsx"
    assert cli("export", "-o", str(workbook)).code == 0
    book = load_workbook(workbook)
    book.custom_doc_props = type(book.custom_doc_props)()
    book.custom_doc_props.append(StringProperty(name="tracker-revision", value="sidste uge"))
    book.save(workbook)
    refused = cli("import", str(workbook), "--lang", "en")
    assert refused.code == 1
    assert (
        f"{workbook.name}: the workbook's property 'tracker-revision' must be a whole number "
        "(the revision it was exported at), not 'sidste uge'"
    ) in refused.err
