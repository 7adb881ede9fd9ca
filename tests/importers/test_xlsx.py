"""Excel in and out (issue 12 item 2): a workbook people can fill, read back with every problem located."""
from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

from graph.portfolio import PortfolioGraph
from graph.problems import InvalidChangeSet
from graph.store.sqlite import SQLiteStore
from importers.document import changeset_from_document
from importers.limits import Limits
from importers.portfolio_file import export_document, read_portfolio, read_portfolio_bytes, write_document
from importers.xlsx_reader import changeset_from_xlsx
from importers.xlsx_writer import workbook_bytes
from tests.conftest import SMALL
from tests.importers.test_roundtrip_property import portfolios

DEMO = Path(__file__).resolve().parents[2] / "tracker" / "demo_portfolio.yaml"
SHEETS_DA = [
    "Program", "Matrikler", "Specialer", "Styrkepositioner", "Personer", "Roller", "Støttetilbud",
    "Strategiske ambitioner", "Situationsbillede", "Nøgletal", "Kerneudfordringer", "Forudsætninger", "Indsatsområder",
    "Indikatorer", "Målinger", "Faglige indsatser", "Faglige ambitioner", "Styrkepositionernes dele", "Møder", "Dagsordenspunkter", "Beslutninger", "Godkendte udgaver", "Forbindelser på tværs",
    "Statusopdateringer", "Signaler fra praksis", "Lister",
]


def records(changes) -> dict[str, tuple]:
    return {r.id: (r.kind, r.data, r.programme) for r in changes.upserts}


def problems(raw: bytes, lang: str = "en", name: str = "p.xlsx") -> list[str]:
    with pytest.raises(InvalidChangeSet) as exc:
        read_portfolio_bytes(raw, name)
    return [p.text(lang) for p in exc.value.problems]


def book(raw: bytes):
    return load_workbook(io.BytesIO(raw))


def saved(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_small_portfolio_round_trips_through_a_workbook(tmp_path, lang):
    path = tmp_path / "p.xlsx"
    assert write_document(copy.deepcopy(SMALL), path, lang=lang) == ""
    assert records(read_portfolio(path)) == records(changeset_from_document(copy.deepcopy(SMALL)))


def test_demo_portfolio_export_then_import_is_identical(tmp_path):
    store = SQLiteStore(tmp_path / "demo.db")
    store.apply(read_portfolio(DEMO), "test")
    path = tmp_path / "demo.xlsx"
    write_document(export_document(PortfolioGraph.from_store(store)), path)
    other = SQLiteStore(tmp_path / "other.db")
    other.apply(read_portfolio(path), "test")
    assert {r.id: (r.kind, r.data) for r in other.load().records} == {r.id: (r.kind, r.data) for r in store.load().records}
    again = other.apply(read_portfolio(path), "test")
    assert (again.changed, again.revision) == (False, 1)
    store.close()
    other.close()


def _blank_dropped(value: object) -> object:
    if isinstance(value, dict):
        return {k: _blank_dropped(v) for k, v in value.items() if not (isinstance(v, str) and not v.strip())}
    if isinstance(value, list):
        return [_blank_dropped(v) for v in value]
    return value


def _excel_precision(doc: dict) -> dict:
    """What a workbook can say: 15-16 significant digits (portfolio numbers have far fewer) and no difference
    between an empty text and none, so round the generated numbers and leave out blank optional texts."""
    doc = _blank_dropped(doc)  # type: ignore[assignment]
    for site in doc["sites"]:
        for key in ("lat", "lon"):
            if key in site:
                site[key] = float(f"{site[key]:.12g}")
    for indicator in doc["indicators"]:
        for key in ("baseline", "target"):
            if isinstance(indicator.get(key), float):
                indicator[key] = float(f"{indicator[key]:.12g}")
        for reading in indicator.get("readings", []):
            if isinstance(reading.get("value"), float):
                reading["value"] = float(f"{reading['value']:.12g}")
    for note in doc["situation"]:
        note["figures"] = {k: float(f"{v:.12g}") for k, v in note.get("figures", {}).items()}
    return doc


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=portfolios())
def test_generated_portfolio_round_trips_through_a_workbook(doc):
    doc = _excel_precision(doc)
    expected = records(changeset_from_document(copy.deepcopy(doc), "gen"))
    for lang in ("da", "en"):
        assert records(changeset_from_xlsx(workbook_bytes(doc, lang), "gen.xlsx")) == expected


def test_layout_headers_and_choices_in_danish_and_english():
    da = book(workbook_bytes(SMALL, "da"))
    assert da.sheetnames == SHEETS_DA
    assert da["Lister"].sheet_state == "hidden"
    rows = [[c.value for c in row] for row in da["Faglige indsatser"].iter_rows()]
    assert rows[0] == [
        "Id", "Titel", "Beskrivelse", "Indsatsområder", "Styrkeposition", "Matrikel", "Ejer", "Status", "Start", "Slut", "Temaer",
        "Trækker på støttetilbud", "Begrundelser for forbindelser", "Videreført fra",
    ]
    assert rows[2][3] == "reum-fa1, geri-fa1"
    assert rows[1][7] == "I gang"
    assert rows[1][10] == "Faglige udviklingsmuligheder"
    assert da["Faglige indsatser"]["I2"].is_date
    assert [[c.value for c in row] for row in da["Målinger"].iter_rows()][1:] == [
        ["geri-ind1", da["Målinger"]["B2"].value, 72, None], ["geri-ind1", da["Målinger"]["B3"].value, 78, "ny rekruttering"],
    ]
    en = book(workbook_bytes(SMALL, "en"))
    assert en.sheetnames[-4:] == ["Cross-specialty links", "Status check-ins", "Signals from practice", "Lists"]
    assert [c.value for c in en["Initiatives"][1]][:4] == ["Id", "Title", "Description", "Focus areas"]
    assert en["Initiatives"]["H2"].value == "In progress"


def test_pick_lists_for_enumerations_and_references():
    wb = book(workbook_bytes(SMALL, "da"))
    lists = wb["Lister"]
    columns = {lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1) if lists.cell(r, c).value]
               for c in range(1, lists.max_column + 1)}
    assert columns["Rækkefølge"] == ["Start nu", "Dernæst", "Senere"]
    assert columns["Rolle"][:2] == ["Specialeejer", "Implementeringsansvarlig"]
    assert len(columns["Temaer"]) == 12
    assert "Personalemæssig" in columns["Perspektiv"]

    def rules(sheet: str) -> dict[str, tuple[str, bool]]:
        return {str(dv.sqref).split(":")[0]: (dv.formula1, dv.showErrorMessage) for dv in wb[sheet].data_validations.dataValidation}

    initiatives = rules("Faglige indsatser")
    assert initiatives["D2"] == ("'Indsatsområder'!$A$2:$A$1048576", False)  # several focus areas allowed
    assert initiatives["E2"] == ("'Styrkepositioner'!$A$2:$A$1048576", True)
    assert initiatives["G2"] == ("'Personer'!$A$2:$A$1048576", True)
    assert initiatives["H2"][0].startswith("'Lister'!$")
    assert rules("Indsatsområder")["E2"][0].startswith("'Lister'!$")  # sequence
    assert rules("Roller")["B2"][0].startswith("'Lister'!$")  # role
    assert rules("Matrikler")["C2"][0].startswith("'Lister'!$")  # kind


def test_formula_looking_text_stays_text_both_ways(tmp_path):
    doc = copy.deepcopy(SMALL)
    doc["initiatives"][2]["title"] = "=SUM(A1)"
    doc["people"][0]["title"] = "+45 1234"
    doc["people"][1]["title"] = "-x"
    doc["people"][2]["title"] = "@x"
    raw = workbook_bytes(doc)
    ws = book(raw)["Faglige indsatser"]
    cell = ws["B4"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=SUM(A1)", "s", True)
    assert book(raw)["Personer"]["C2"].data_type == "s"
    back = records(changeset_from_xlsx(raw, "f.xlsx"))
    assert back["orphan-i"][1]["title"] == "=SUM(A1)"
    assert [back[p][1]["title"] for p in ("bjorn", "eva", "mette")] == ["+45 1234", "-x", "@x"]


def test_a_formula_typed_into_a_cell_is_read_as_its_text():
    wb = book(workbook_bytes(SMALL))
    wb["Faglige indsatser"]["B4"] = "=1+1"  # openpyxl stores this as a formula, as Excel would
    assert wb["Faglige indsatser"]["B4"].data_type == "f"
    assert records(changeset_from_xlsx(saved(wb), "f.xlsx"))["orphan-i"][1]["title"] == "=1+1"


def test_every_problem_names_sheet_row_column_and_value():
    wb = book(workbook_bytes(SMALL))
    ws = wb["Faglige indsatser"]
    ws["J2"] = "2026-02-30"
    ws["H3"] = "travl"
    wb["Målinger"]["B3"] = "i går"
    wb["Nøgletal"]["A3"] = "ghost"
    wb["Specialer"]["D1"] = "Farve"
    wb.create_sheet("Noter")
    assert problems(saved(wb)) == [
        "p.xlsx: Specialer[1], column 'Farve' (D), value 'Farve': unknown column; use the columns of the template (Id, Navn, Fase)",
        "p.xlsx: the sheet 'Noter' is unknown; use the sheets of the template (Program, Matrikler, Specialer, "
        "Styrkepositioner, Personer, Roller, Støttetilbud, Strategiske ambitioner, Situationsbillede, Nøgletal, "
        "Kerneudfordringer, Forudsætninger, Indsatsområder, Indikatorer, Målinger, Faglige indsatser, Faglige ambitioner, "
        "Styrkepositionernes dele, Møder, Dagsordenspunkter, "
        "Beslutninger, "
        "Godkendte udgaver, Forbindelser på tværs, Statusopdateringer, Signaler fra praksis)",
        "p.xlsx: Nøgletal[3], column 'Situationsbillede' (A), value 'ghost': refers to 'ghost', which is not on the sheet "
        "'Situationsbillede'",
        "p.xlsx: Målinger[3] (id 'geri-ind1'), column 'Dato' (B), value 'i går': is not a valid date (YYYY-MM-DD)",
        "p.xlsx: Faglige indsatser[2] (id 'geri-i1'), column 'Slut' (J), value '2026-02-30': is not a valid date (YYYY-MM-DD)",
        "p.xlsx: Faglige indsatser[3] (id 'reum-i1'), column 'Status' (H), value 'travl': 'travl' is not one of: "
        "planned, in_progress, done, paused, stopped",
    ]
    assert problems(saved(wb), "da")[4] == (
        "p.xlsx: Faglige indsatser[2] (id 'geri-i1'), kolonne 'Slut' (J), værdi '2026-02-30': "
        "er ikke en gyldig dato (ÅÅÅÅ-MM-DD)"
    )


def test_references_are_checked_by_the_store_and_name_the_row(tmp_path, sqlite_store):
    wb = book(workbook_bytes(SMALL))
    wb["Faglige indsatser"]["G2"] = "nobody"
    changes = read_portfolio_bytes(saved(wb), "p.xlsx")
    with pytest.raises(InvalidChangeSet) as exc:
        sqlite_store.apply(changes, "test")
    assert [p.text("en") for p in exc.value.problems] == [
        "p.xlsx: Faglige indsatser[2] (id 'geri-i1'), field 'owner': refers to 'nobody', which does not exist"
    ]
    assert sqlite_store.revision() == 0


def test_choices_keys_and_numbers_typed_by_hand_are_understood():
    wb = book(workbook_bytes(SMALL, "en"))
    ws = wb["Initiatives"]
    ws["H2"] = "in_progress"  # the file's key
    ws["H3"] = "i gang"  # Danish label, any case
    ws["K3"] = "Recruitment and retention, wellbeing"
    wb["People"]["A5"] = 4711  # an id typed as a number
    wb["Roles"]["A6"] = 4711
    back = records(changeset_from_xlsx(saved(wb), "h.xlsx"))
    assert back["geri-i1"][1]["status"] == back["reum-i1"][1]["status"] == "in_progress"
    assert back["reum-i1"][1]["themes"] == ["recruitment_retention", "wellbeing"]
    assert back["4711"][1]["name"] == "Karen Krog"


def test_blank_template_has_every_sheet_and_header_and_no_rows(tmp_path):
    path = tmp_path / "template.xlsx"
    write_document(None, path, template=True)
    wb = load_workbook(path)
    assert wb.sheetnames == SHEETS_DA
    assert all(wb[name].max_row == 1 for name in SHEETS_DA[:-1])
    assert [c.value for c in wb["Program"][1]] == ["Id", "Navn", "Region", "Rapporteringsrytme"]
    assert len(wb["Faglige indsatser"].data_validations.dataValidation) == 8  # six fields, draws_on, carried_from
    assert problems(path.read_bytes()) == ["p.xlsx: the sheet 'Program' must have one row with the programme"]
    wb["Program"].append(["ny", "Nyt program"])
    wb["Specialer"].append(["kard", "Kardiologi", "Forberedelse"])
    back = records(read_portfolio_bytes(saved(wb), "t.xlsx"))
    assert back["kard"] == ("specialty", {"id": "kard", "name": "Kardiologi", "phase": "preparation"}, "ny")


def test_bytes_that_are_no_workbook_and_zip_bombs_are_refused():
    assert problems(b"not a zip at all") == ["p.xlsx: the file is not an Excel workbook (.xlsx) that can be read (BadZipFile)"]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", b"\0" * 2_000_000)
    raw = out.getvalue()
    assert len(raw) < 10_000
    with pytest.raises(InvalidChangeSet) as exc:
        changeset_from_xlsx(raw, "bomb.xlsx", limits=Limits(max_bytes=1_000_000))
    assert [p.text("en") for p in exc.value.problems] == ["bomb.xlsx: the workbook holds 2000000 bytes unpacked; at most 1000000 bytes"]
    assert problems(raw) == ["p.xlsx: the file is not an Excel workbook (.xlsx) that can be read (KeyError)"]


def _with_xml_replaced(raw: bytes, old: bytes, new: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename).replace(old, new))
    return out.getvalue()


def test_control_characters_and_long_text_in_cells_are_refused():
    wb = book(workbook_bytes(SMALL))
    wb["Specialer"]["B2"] = "x" * 300
    assert problems(saved(wb)) == [f"p.xlsx: Specialer[2] (id 'geri'), column 'Navn' (B), value '{'x' * 60}…': must be at most 200 characters"]
    # XML cannot carry a control character; a workbook that holds one anyway is not a workbook.
    raw = _with_xml_replaced(workbook_bytes(SMALL), b"Geriatri<", b"Geri\x07atri<")
    assert problems(raw) == ["p.xlsx: the file is not an Excel workbook (.xlsx) that can be read (ParseError)"]


def test_a_zip_of_an_unknown_version_is_no_workbook():
    """Found by the fuzzer: zipfile raised NotImplementedError ("zip file version 24.4")."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
    raw = bytearray(out.getvalue())
    central = raw.index(b"PK\x01\x02")
    raw[central + 6] = 244  # "version needed to extract": 24.4
    assert problems(bytes(raw)) == ["p.xlsx: the file is not an Excel workbook (.xlsx) that can be read (NotImplementedError)"]


def test_a_generated_20k_portfolio_round_trips_through_a_workbook():
    from tracker.generate import generate_document

    doc = generate_document(20_000, seed=3)
    expected = records(changeset_from_document(copy.deepcopy(doc), "gen"))
    assert len(expected) == 20_000
    assert records(changeset_from_xlsx(workbook_bytes(doc, "da"), "gen.xlsx")) == expected
