"""Hostile and malformed input on the web (issue 11): every form and API field that is parsed
answers 400 with a message naming the value, never 500, and the server keeps answering."""
from __future__ import annotations

import copy
import io
import json

import pytest

from importers.portfolio_file import write_document
from tests.conftest import SMALL


def stored(app, item: str):
    return app.extensions["portfolio"].store.get([item])[item]


# -- version fields that are not whole numbers -------------------------------------------------

NOT_A_VERSION = "Versionen &#39;abc&#39; er ikke et heltal. Genindlæs siden, og prøv igen."


def test_reading_form_with_version_abc_answers_400_and_writes_nothing(editors, login, revision):
    before = revision()
    answer = login("eva").post("/edit/indicator/geri-ind1/reading", data={"date": "2026-09-01", "value": "81", "version": "abc"})
    assert answer.status_code == 400
    assert NOT_A_VERSION in answer.get_data(as_text=True)
    assert revision() == before


def test_decision_form_with_version_abc_answers_400_and_writes_nothing(editors, login, revision):
    before = revision()
    answer = login("stina").post("/ambition/reum-amb/decision", data={"decision": "approved", "date": "2026-05-12", "reason": "Godkendt på mødet", "version": "abc"})
    assert answer.status_code == 400
    assert NOT_A_VERSION in answer.get_data(as_text=True)
    assert stored(editors, "reum-amb").data.get("status") != "approved" or revision() == before
    assert revision() == before


@pytest.mark.parametrize("version", ["²", "1.0", "-1", "1e3", "9" * 40, " 1"])
def test_other_non_versions_are_refused_on_both_forms(editors, login, version):
    eva = login("eva")
    assert eva.post("/edit/indicator/geri-ind1/reading", data={"date": "2026-09-01", "value": "1", "version": version}).status_code == 400
    stina = login("stina")
    assert stina.post("/ambition/reum-amb/decision", data={"decision": "approved", "date": "2026-05-12", "reason": "Godkendt på mødet", "version": version}).status_code == 400


def test_edit_and_delete_forms_refuse_a_non_version_with_400(editors, login, revision):
    before = revision()
    client = login("mette")
    assert client.post("/edit/initiative/orphan-i", data={"title": "X", "status": "planned", "version": "abc"}).status_code == 400
    assert client.post("/delete/initiative/orphan-i", data={"version": "abc"}).status_code == 400
    assert revision() == before


@pytest.mark.parametrize("page", ["²", "abc", "-3", "99999999999999999999999"])
def test_page_numbers_that_are_not_numbers_show_the_first_or_last_page(client, page):
    assert client.get(f"/people?page={page}").status_code == 200
    assert client.get(f"/?page={page}").status_code == 200


# -- hostile uploads ---------------------------------------------------------------------------


def small_json(**replace: str) -> str:
    """The small portfolio as JSON, with placeholder strings swapped for raw JSON text."""
    doc = copy.deepcopy(SMALL)
    doc["sites"][0]["lat"] = "__LAT__"
    doc["initiatives"][0]["title"] = "__TITLE__"
    text = json.dumps(doc, ensure_ascii=False)
    text = text.replace('"__LAT__"', replace.get("lat", "55.7")).replace('"__TITLE__"', replace.get("title", '"Titel"'))
    return text


def small_yaml(lat: str = "55.7", title: str = "Titel") -> str:
    doc = copy.deepcopy(SMALL)
    doc["sites"][0]["lat"] = 12345.5
    doc["initiatives"][0]["title"] = "__TITLE__"
    return write_document(doc, None, "yaml").replace("12345.5", lat).replace("__TITLE__", title)


HOSTILE = {
    "deep-yaml": ("plan.yaml", "format: ambition-tracker/v1\nx: " + "[" * 50_000 + "]" * 50_000 + "\n",
                  "i linje 2"),
    "deep-json": ("plan.json", '{"format": "ambition-tracker/v1", "x": ' + "[" * 5_000 + "]" * 5_000 + "}",
                  "er indlejret for dybt"),
    "huge-int-json": ("plan.json", small_json(lat="1" * 5_000), "tallet har for mange cifre (5000; højst 30)"),
    "huge-int-yaml": ("plan.yaml", small_yaml(lat="7" * 5_000), "tallet har for mange cifre (5000; højst 30)"),
    "nan-yaml": ("plan.yaml", small_yaml(lat=".nan"), "skal være et endeligt tal, ikke &#39;.nan&#39;"),
    "inf-yaml": ("plan.yaml", small_yaml(lat="-.inf"), "skal være et endeligt tal, ikke &#39;-.inf&#39;"),
    "nan-json": ("plan.json", small_json(lat="NaN"), "skal være et endeligt tal, ikke &#39;NaN&#39;"),
    "infinity-json": ("plan.json", small_json(lat="Infinity"), "skal være et endeligt tal, ikke &#39;Infinity&#39;"),
    "bell-json": ("plan.json", small_json(title='"Ring \\u0007 klokken"'), "indeholder kontroltegnet"),
    "bell-yaml": ("plan.yaml", small_yaml(title="Ring \\a klokken"), "indeholder kontroltegnet"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_uploads_get_400_with_the_named_message_and_the_server_lives(editors, login, revision, case):
    name, text, expected = HOSTILE[case]
    client = login("mette")
    before = revision()
    answer = client.post("/upload", data={"file": (io.BytesIO(text.encode()), name)}, content_type="multipart/form-data")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400, page[:2000]
    assert expected in page
    assert name in page
    assert revision() == before
    assert client.get("/").status_code == 200


# -- the write API's JSON bodies ---------------------------------------------------------------


def put_raw(client, body: str, item: str = "orphan-i"):
    return client.put(f"/api/v1/initiatives/{item}", data=body.encode(), content_type="application/json")


@pytest.mark.parametrize(
    "body, expected",
    [
        ('{"version": 1, "item": {"title": "X", "description": NaN}}', "skal være et endeligt tal, ikke 'NaN'"),
        ('{"version": 1, "item": {"title": "X", "description": -Infinity}}', "skal være et endeligt tal, ikke '-Infinity'"),
        ('{"version": 1, "item": {"title": "Ring \\u0007"}}', "indeholder kontroltegnet"),
        ('{"version": 1, "item": {"title": "X", "x": ' + "[" * 5_000 + "]" * 5_000 + "}}", "er indlejret for dybt"),
        ('{"version": 1' + "0" * 5_000 + ', "item": {"title": "X"}}', "tallet har for mange cifre (5001; højst 30)"),
        ('{"version": 1, "item": {"title": "X", "title": "Y"}}', "title"),
    ],
    ids=["nan", "infinity", "bell", "deep", "huge-version", "duplicate-key"],
)
def test_put_refuses_hostile_json_with_400_and_the_named_message(editors, login, revision, body, expected):
    client = login("mette")
    before = revision()
    answer = put_raw(client, body)
    assert answer.status_code == 400
    error = answer.get_json()["error"]
    assert error["code"] == "invalid"
    assert expected in error["message"]
    assert revision() == before
    assert stored(editors, "orphan-i").version == 1


def test_import_refuses_nan_and_the_api_never_emits_it(editors, login, revision):
    client = login("mette")
    answer = client.post("/api/v1/import?dry_run=1", data=small_json(lat="NaN").encode(), content_type="application/json")
    assert answer.status_code == 400
    assert "skal være et endeligt tal, ikke 'NaN'" in answer.get_json()["error"]["message"]
    exported = client.get("/api/v1/export").get_data(as_text=True)

    def refuse(constant: str):
        raise AssertionError(f"the API wrote {constant}")

    assert json.loads(exported, parse_constant=refuse)["format"] == "ambition-tracker/v1"


def test_an_unexpected_error_shows_no_traceback(editors, client):
    editors.config["PROPAGATE_EXCEPTIONS"] = False

    @editors.get("/boom-for-test")
    def boom():
        raise KeyError("secret internals")

    for path, expected_type in (("/boom-for-test", "text/html"),):
        answer = client.get(path)
        body = answer.get_data(as_text=True)
        assert answer.status_code == 500 and answer.mimetype == expected_type
        assert "Traceback" not in body and "secret internals" not in body and "KeyError" not in body


@pytest.mark.parametrize("number", ["9" * 5_000, "9" * 400 + ",5"], ids=["5000-digits", "float-overflow"])
def test_numbers_beyond_the_limits_in_forms_answer_400_not_500(editors, login, revision, number):
    before = revision()
    reading = login("eva").post("/edit/indicator/geri-ind1/reading", data={"date": "2026-09-01", "value": number, "version": "1"})
    assert reading.status_code == 400
    mette = login("mette")
    baseline = mette.post("/edit/indicator/geri-ind1", data={
        "name": "X", "focus_area": "geri-fa1", "kind": "quantitative", "baseline": number, "version": "1"})
    assert baseline.status_code == 400
    figures = mette.post("/edit/situation/geri-sit1", data={
        "text": "x", "perspective": "staff", "specialty": "geri", "figures": f"læger: {number}", "version": "1"})
    assert figures.status_code == 400
    assert revision() == before
