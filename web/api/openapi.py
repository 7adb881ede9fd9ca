"""The JSON API described as OpenAPI 3.1, served at ``/api/v1/openapi.json``.

The document is built from the same tables the routes use (the sections of the file format), so
a new section appears in it by itself. tests/web/test_openapi.py fails on any /api/v1 route the
document does not describe, and runs Schemathesis against it: no answer may be a 500, and every
answer must have a documented status, content type and shape.
"""
from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, jsonify

from graph.models import MODEL_BY_SECTION
from importers.schema import json_schema
from web.api.read import SECTIONS

bp = Blueprint("api_doc", __name__, url_prefix="/api/v1")

JSON = "application/json"
Schema = dict[str, Any]

ERROR: Schema = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "problems": {"type": "array", "items": {"type": "object"}},
            },
        }
    },
}
ELEMENT: Schema = {
    "type": "object",
    "required": ["id", "kind", "version", "programme", "data"],
    "properties": {
        "id": {"type": "string"},
        "kind": {"type": "string"},
        "version": {"type": "integer", "minimum": 1},
        "programme": {"type": ["string", "null"]},
        "data": {"type": "object"},
    },
}
#: What each error status means on this API.
ERROR_MEANING: dict[str, str] = {
    "400": "invalid input: the message names the item, field and value",
    "401": "not signed in",
    "403": "signed in, but not allowed to do this",
    "404": "no such section or element",
    "409": "changed by someone else since it was read, or still referred to",
    "413": "the body is too large",
    "503": "the store cannot be reached right now",
}


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _answers(ok: dict[str, tuple[str, Schema]], errors: tuple[str, ...]) -> Schema:
    answers: Schema = {code: {"description": text, "content": {JSON: {"schema": schema}}} for code, (text, schema) in ok.items()}
    for code in (*errors, "401", "503"):
        answers[code] = {"description": ERROR_MEANING[code], "content": {JSON: {"schema": _ref("Error")}}}
    return answers


def _path(name: str, values: list[str] | None = None, description: str = "") -> Schema:
    schema: Schema = {"type": "string", "minLength": 1}
    if values:
        schema["enum"] = values
    return {"name": name, "in": "path", "required": True, "schema": schema, "description": description}


def _query(name: str, schema: Schema, description: str, required: bool = False) -> Schema:
    return {"name": name, "in": "query", "required": required, "schema": schema, "description": description}


def _get(summary: str, ok: Schema, errors: tuple[str, ...] = ("404",), parameters: list[Schema] | None = None) -> Schema:
    return {"summary": summary, "parameters": parameters or [], "responses": _answers({"200": ("the answer", ok)}, errors)}


#: The component holding the portfolio file format's own JSON Schema, as the import reads it.
FILE_SCHEMA = "PortfolioFile"


def file_format_schemas() -> dict[str, Schema]:
    """The file format's JSON Schema (importers/schema.py) as components: an import body is described
    as strictly as the import reads it (an empty object is no document), not as any object."""
    whole = json_schema()
    text = json.dumps(whole).replace('"#/$defs/', '"#/components/schemas/')
    moved: Schema = json.loads(text)
    parts: dict[str, Schema] = moved.pop("$defs")
    for key in ("$schema", "$id"):
        moved.pop(key, None)
    return {**parts, FILE_SCHEMA: moved}


def document() -> Schema:
    """Return the OpenAPI 3.1 document of every /api/v1 route."""
    readable = sorted(SECTIONS)
    listable = sorted({*SECTIONS, "roles"})
    writable = sorted(MODEL_BY_SECTION)
    item_id = _path("item_id", description="the element's id")
    programme = _query("programme", {"type": "string"}, "one programme's id, when the store holds several")
    obj: Schema = {"type": "object"}
    paths: Schema = {
        "/api/v1/openapi.json": {
            "get": {"summary": "this document", "security": [], "responses": {"200": {"description": "OpenAPI 3.1", "content": {JSON: {"schema": obj}}}}}
        },
        "/api/v1/revision": {"get": _get("the portfolio's current revision", _ref("Revision"), ())},
        "/api/v1/trace/{item_id}": {"get": _get("an initiative's traceability chain", obj, ("404",), [item_id])},
        "/api/v1/impact/{item_id}": {
            "get": _get(
                "everything that depends on an element across specialties: counts per specialty and hospital, each dependant with its paths",
                obj, ("404",),
                [_path("item_id", description="a support offer's, prerequisite's, site's, strength position's, person's, core challenge's or focus area's id")],
            )
        },
        "/api/v1/coverage": {"get": _get("coverage of every specialty", obj, ("404",), [programme])},
        "/api/v1/synergies/{item_id}": {
            "get": _get("specialties ranked by what they share with this one", obj, ("404",), [_path("item_id", description="a specialty's id")])
        },
        "/api/v1/synergies/{item_id}/pairs": {
            "get": _get(
                "concrete element pairs between this specialty and others, grouped by the other specialty", obj, ("404",),
                [_path("item_id", description="a specialty's id")],
            )
        },
        "/api/v1/similar/{item_id}": {
            "get": _get(
                "similar work in other specialties, with the reasons", obj, ("404",),
                [
                    _path("item_id", description="an initiative's, focus area's or core challenge's id"),
                    _query("limit", {"type": "integer", "minimum": 1, "maximum": 50}, "how many matches (default 5)"),
                ],
            )
        },
        "/api/v1/checks": {
            "get": _get(
                "the guidance's health checks", obj, ("404",),
                [_query("specialty", {"type": "string"}, "one specialty's id; all when left out")],
            )
        },
        "/api/v1/{section}": {
            "get": _get(
                "every element of one section", {"type": "object", "additionalProperties": {"type": "array", "items": _ref("Element")}},
                ("404",), [_path("section", listable, "a section of the portfolio file format")],
            )
        },
        "/api/v1/{section}/{item_id}": {
            "get": _get("one element, with its version", _ref("Element"), ("404",), [_path("section", readable), item_id]),
            "put": {
                "summary": "create (version 0) or update (the version read) one item",
                "parameters": [_path("section", writable), item_id],
                "requestBody": {"required": True, "content": {JSON: {"schema": _ref("ItemChange")}}},
                "responses": _answers(
                    {"200": ("updated", _ref("Written")), "201": ("created", _ref("Written"))}, ("400", "403", "404", "409", "413")
                ),
            },
            "delete": {
                "summary": "delete one item at the version read",
                "parameters": [
                    _path("section", writable), item_id,
                    _query("version", {"type": "integer", "minimum": 0}, "the version you read", required=True),
                ],
                "responses": _answers({"200": ("deleted", _ref("Deleted"))}, ("400", "403", "404", "409")),
            },
            "patch": {
                "summary": "change some fields of one item, read at a version; a colleague's change of other fields is kept",
                "parameters": [_path("section", writable), item_id],
                "requestBody": {"required": True, "content": {JSON: {"schema": _ref("FieldsChange")}}},
                "responses": _answers({"200": ("updated", _ref("Written"))}, ("400", "403", "404", "409", "413")),
            },
        },
        "/api/v1/import": {
            "post": {
                "summary": "import a whole portfolio document (file format v1); an upsert by id, all or nothing",
                "parameters": [_query("dry_run", {"type": "string", "enum": ["1", "true", "yes", "0", "false", "no"]}, "only report what would change")],
                "requestBody": {"required": True, "content": {JSON: {"schema": _ref(FILE_SCHEMA)}}},
                "responses": _answers({"200": ("imported (or checked)", _ref("Imported"))}, ("400", "403", "409", "413")),
            }
        },
        "/api/v1/export": {"get": _get("one programme's portfolio document (file format v1)", _ref("Document"), ("400", "404"), [programme])},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Ambition tracker API",
            "version": "1",
            "description": "Read and write the portfolio. Sign in by session cookie (writes then need the X-CSRFToken "
            "header) or through the trusted reverse proxy's user header. Errors are {\"error\": {code, message, problems}}.",
        },
        "paths": paths,
        "components": {
            "schemas": {
                "Error": ERROR,
                "Element": ELEMENT,
                "Revision": {"type": "object", "required": ["revision"], "properties": {"revision": {"type": "integer", "minimum": 0}}},
                "ItemChange": {
                    "type": "object",
                    "required": ["version", "item"],
                    "properties": {"version": {"type": "integer", "minimum": 0}, "item": {"type": "object"}, "base": {"type": "object"}},
                },
                "FieldsChange": {
                    "type": "object",
                    "required": ["version", "fields"],
                    "properties": {"version": {"type": "integer", "minimum": 1}, "fields": {"type": "object"}},
                },
                "Written": {
                    "type": "object",
                    "required": ["id", "version", "revision", "created"],
                    "properties": {
                        "id": {"type": "string"}, "version": {"type": "integer"}, "revision": {"type": "integer"}, "created": {"type": "boolean"},
                    },
                },
                "Deleted": {
                    "type": "object",
                    "required": ["id", "deleted", "revision"],
                    "properties": {"id": {"type": "string"}, "deleted": {"const": True}, "revision": {"type": "integer"}},
                },
                "Imported": {
                    "type": "object",
                    "required": ["revision", "dry_run", "created", "updated", "unchanged"],
                    "properties": {
                        "revision": {"type": "integer"},
                        "dry_run": {"type": "boolean"},
                        "created": {"type": "array", "items": {"type": "string"}},
                        "updated": {"type": "array", "items": {"type": "string"}},
                        "unchanged": {"type": "integer", "minimum": 0},
                    },
                },
                **file_format_schemas(),
                "Document": {
                    "type": "object",
                    "required": ["format", "programme"],
                    "properties": {"format": {"const": "ambition-tracker/v1"}, "programme": {"type": "object"}},
                },
            }
        },
    }


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI document of the JSON API (open to everyone: it describes, it holds no data)."""
    return jsonify(document())
