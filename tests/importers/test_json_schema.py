"""The published JSON Schema of file format v1."""
from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from importers.portfolio_file import json_schema, validate_document
from tests.conftest import SMALL


def test_schema_top_level():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["format", "programme"]
    assert list(schema["properties"]) == [
        "format", "revision", "programme", "sites", "specialties", "strength_positions", "people", "roles", "support_offers",
        "ambitions", "situation", "challenges", "prerequisites", "focus_areas", "indicators", "initiatives",
        "professional_ambitions", "position_parts", "meetings", "agenda_items", "decisions", "baselines", "synergy_links", "check_ins", "signals",
    ]
    assert schema["properties"]["format"]["const"] == "ambition-tracker/v1"
    assert schema["properties"]["initiatives"]["items"] == {"$ref": "#/$defs/Initiative"}
    json.dumps(schema)  # plain JSON all the way down


def test_schema_items_use_file_names_and_forbid_unknown_keys():
    defs = json_schema()["$defs"]
    for name in ("Site", "Specialty", "Initiative", "Indicator", "Role", "Reading", "ChallengePerspectives"):
        assert defs[name]["additionalProperties"] is False, name
    assert defs["Site"]["required"] == ["id", "name"]
    assert "kind" in defs["Site"]["properties"] and "kind_" not in defs["Site"]["properties"]
    assert defs["StrengthPosition"]["required"] == ["id", "specialty", "sites"]
    assert defs["StrengthPosition"]["properties"]["sites"]["maxItems"] == 2
    assert defs["Indicator"]["required"] == ["id", "focus_area", "name"]
    assert defs["Role"]["required"] == ["person", "role"]
    assert defs["Role"]["oneOf"] == [{"required": ["specialty"]}, {"required": ["strength_position"]}, {"required": ["programme"]}]
    assert defs["Initiative"]["not"] == {"required": ["strength_position", "site"]}
    assert defs["InitiativeStatus"]["enum"] == ["planned", "in_progress", "done", "paused", "stopped"]
    assert defs["Initiative"]["properties"]["start"]["anyOf"][0] == {"format": "date", "type": "string"}
    assert defs["FocusArea"]["properties"]["title"]["maxLength"] == 300


def test_document_model_accepts_small_and_refuses_unknown_sections():
    assert validate_document(SMALL).programme.id == "bass"
    with pytest.raises(ValidationError):
        validate_document({**SMALL, "projects": []})
    with pytest.raises(ValidationError):
        validate_document({**SMALL, "format": "ambition-tracker/v2"})


def test_schema_describes_every_item_of_the_demo():
    """Without a JSON Schema validator: every demo item uses only the schema's properties and has its required ones."""
    from tracker.demo import demo_document

    schema = json_schema()
    doc = demo_document()
    assert set(doc) <= set(schema["properties"])
    for section, value in doc.items():
        ref = schema["properties"][section].get("$ref") or schema["properties"][section].get("items", {}).get("$ref")
        if ref is None:
            continue
        definition = schema["$defs"][ref.rsplit("/", 1)[1]]
        for item in value if isinstance(value, list) else [value]:
            assert set(item) <= set(definition["properties"]), (section, item)
            assert set(definition.get("required", [])) <= set(item), (section, item)
