"""Change sets: every write to a store is one, validated as a whole and applied all-or-nothing.

Raw items become records here, through the pydantic models (``parse_record``). The plain types
live in graph.record and the whole-set validation in graph.validation; both are re-exported.
"""
from __future__ import annotations

from pydantic import ValidationError

from graph.models import MODEL_BY_KIND, Element
from graph.problems import InvalidChangeSet, Problem, problems_from_pydantic
from graph.record import ChangeSet, Data, Record
from graph.validation import KindLookup, ReferrerLookup, validate

__all__ = ["ChangeSet", "Data", "KindLookup", "Record", "ReferrerLookup", "parse_record", "record_of", "validate"]


def record_of(element: Element, programme: str | None = None, origin: str = "") -> Record:
    """The record of a validated element (enumerations and dates as in the file)."""
    data = element.model_dump(mode="json", by_alias=True, exclude_none=True)
    for empty in [k for k, v in data.items() if v in ([], {})]:
        del data[empty]
    return Record(element.kind, element.id, data, programme, origin=origin or f"{element.section}")


def parse_record(kind: str, raw: object, where: str, programme: str | None = None) -> Record:
    """Validate a raw mapping as an element of ``kind``; raise InvalidChangeSet naming the field."""
    model = MODEL_BY_KIND[kind]
    item_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
    if not isinstance(raw, dict):
        raise InvalidChangeSet([Problem("mapping", where, item_id)])
    try:
        element = model.model_validate(raw)
    except ValidationError as exc:
        raise InvalidChangeSet(problems_from_pydantic(exc, where, item_id)) from None
    return record_of(element, programme, where)
