"""Input that used to answer 500, or lead elsewhere, answers a page of this site: a revision past
64 bits, a figures table in a query argument, a 300-character file name, ``next`` to another site;
a 405 names the methods there are; 30 parallel wrong passwords reach the password check 5 times."""
from __future__ import annotations

import copy
import io
import threading
from pathlib import Path

import yaml

from tests.conftest import SMALL
from tests.web.conftest import PASSWORD


def test_a_revision_past_64_bits_is_a_400_page(client):
    answer = client.get("/specialty/geri/changes?since=r99999999999999999999")
    assert answer.status_code == 400
    assert "&#39;r99999999999999999999&#39; er ikke en revision: den største mulige er r9223372036854775807" in answer.get_data(as_text=True)


def test_figures_in_the_query_do_not_break_the_new_situation_form(login):
    client = login("mette")
    for figures in ("x", "99999999999999999999"):
        answer = client.get(f"/new/situation?specialty=geri&figures={figures}")
        assert answer.status_code == 200
        assert 'name="figures.name" value="" aria-label="Nøgletal 1"' in answer.get_data(as_text=True)


def test_an_upload_with_a_300_character_name_is_previewed(login, editors):
    client = login("mette")
    doc = copy.deepcopy(SMALL)
    doc["initiatives"][0]["title"] = "Ny titel"
    name = "a" * 300 + ".yaml"
    answer = client.post("/upload", data={"file": (io.BytesIO(yaml.safe_dump(doc, allow_unicode=True).encode()), name)},
                         content_type="multipart/form-data")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200, page
    token = page.split('action="/upload/')[1].split('"')[0]
    kept = list((Path(editors.instance_path) / "uploads" / token).iterdir())
    assert [p.name for p in kept] == ["a" * 115 + ".yaml"]
    assert client.post(f"/upload/{token}", data={"action": "confirm"}).status_code == 302
    assert not (Path(editors.instance_path) / "uploads" / token).exists()


def test_next_to_another_site_is_not_linked(login):
    client = login("mette")
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example/"):
        page = client.get("/new/initiative", query_string={"next": target}).get_data(as_text=True)
        assert 'href="https://evil.example/"' not in page and 'href="//evil.example/"' not in page
        assert 'name="next"' not in page  # not carried on to the redirect after saving either
    delete = client.get("/delete/initiative/geri-i1", query_string={"next": "https://evil.example/"}).get_data(as_text=True)
    assert "evil.example/\">" not in delete and "name=\"next\"" not in delete
    login_page = client.get("/login", query_string={"next": "https://evil.example/"}).get_data(as_text=True)
    assert 'name="next"' not in login_page
    own = client.get("/new/initiative", query_string={"next": "/specialty/geri"}).get_data(as_text=True)
    assert '<a href="/specialty/geri">Annullér</a>' in own
    own_delete = client.get("/delete/initiative/geri-i1", query_string={"next": "/specialty/geri"}).get_data(as_text=True)
    assert '<input type="hidden" name="next" value="/specialty/geri">' in own_delete


def test_a_405_names_the_allowed_methods(client):
    page = client.delete("/")
    assert page.status_code == 405
    assert set(page.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    api = client.post("/api/v1/initiatives/geri-i1", json={})
    assert api.status_code == 405
    assert set(api.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"}
    assert api.get_json()["error"]["code"] == "method_not_allowed"


def test_parallel_wrong_passwords_reach_the_password_check_only_up_to_the_limit(editors):
    statuses: list[int] = []
    start = threading.Barrier(30)

    def guess(n: int) -> None:
        client = editors.test_client()
        start.wait()
        answer = client.post("/login", data={"username": "eva", "password": f"wrong-{n}"},
                             environ_base={"REMOTE_ADDR": f"10.0.0.{n}"})
        statuses.append(answer.status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # 401: the password was checked (and wrong); 429: refused before the check.
    assert sorted(statuses) == [401] * 5 + [429] * 25
    refused = editors.test_client().post("/login", data={"username": "eva", "password": PASSWORD})
    assert refused.status_code == 429


def test_a_right_password_takes_back_its_own_count(editors):
    client = editors.test_client()
    for _ in range(4):
        assert client.post("/login", data={"username": "eva", "password": "wrong"}).status_code == 401
    assert client.post("/login", data={"username": "eva", "password": PASSWORD}).status_code == 302
    # the right one did not count as the fifth failure; the four wrong ones still count
    assert editors.test_client().post("/login", data={"username": "eva", "password": "wrong"}).status_code == 401
    assert editors.test_client().post("/login", data={"username": "eva", "password": "wrong"}).status_code == 429


def test_the_openapi_import_body_is_the_file_format(client):
    import jsonschema_rs  # Schemathesis's own validator (tests/web/test_openapi.py runs Schemathesis)

    doc = client.get("/api/v1/openapi.json").get_json()
    body = doc["paths"]["/api/v1/import"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/PortfolioFile"}
    # The component resolved against the document's own components, as a client's validator would.
    schema = {**doc["components"]["schemas"]["PortfolioFile"], "components": doc["components"]}
    validator = jsonschema_rs.Draft202012Validator(schema)
    assert validator.is_valid(copy.deepcopy(SMALL))
    assert not validator.is_valid({})  # the server refuses it (400): the schema no longer promises it
    assert not validator.is_valid({**copy.deepcopy(SMALL), "colour": "red"})
    assert client.post("/api/v1/import", json={}).status_code in (400, 401)
