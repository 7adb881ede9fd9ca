"""The Excel download uploads again: the same all-or-nothing preview as YAML and JSON."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.web.test_edit import stored


def _upload(client, raw: bytes, name: str):
    return client.post("/upload", data={"file": (io.BytesIO(raw), name)}, content_type="multipart/form-data")


def _edited_download(client, edit) -> bytes:
    wb = load_workbook(io.BytesIO(client.get("/download?format=xlsx").data))
    edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _retitle_first_initiative(title: str):
    def edit(wb) -> None:
        ws = wb["Faglige indsatser"]
        assert ws["A2"].value == "geri-i1"
        ws["B2"] = title
    return edit


def test_an_excel_download_uploads_again_with_a_preview(editors, login, revision):
    client = login("mette")
    raw = _edited_download(client, _retitle_first_initiative("Fælles undervisning i Holbæk"))
    before = revision()
    page = _upload(client, raw, "bass.xlsx").get_data(as_text=True)
    assert "0 nye, 1 ændrede, 35 uændrede." in page, page[page.find("<main"):]
    token = page.split('action="/upload/')[1].split('"')[0]
    assert client.post(f"/upload/{token}", data={"action": "confirm"}).status_code == 302
    assert revision() == before + 1
    assert stored(editors, "geri-i1").data["title"] == "Fælles undervisning i Holbæk"


def test_a_bad_workbook_names_sheet_row_column_and_value(editors, login, revision):
    client = login("mette")

    def bad_status(wb) -> None:
        ws = wb["Faglige indsatser"]
        column = [c.column_letter for c in ws[1] if c.value == "Status"][0]
        ws[f"{column}2"] = "snart"

    before = revision()
    answer = _upload(client, _edited_download(client, bad_status), "bass.xlsx")
    assert answer.status_code == 400
    assert "snart" in answer.get_data(as_text=True) and "Faglige indsatser" in answer.get_data(as_text=True)
    assert revision() == before


def test_an_unknown_file_type_is_refused_by_name(editors, login):
    answer = _upload(login("mette"), b"x", "plan.docx")
    assert answer.status_code == 400
    assert "Filen skal være .yaml, .yml, .json eller .xlsx: ikke plan.docx." in answer.get_data(as_text=True)
