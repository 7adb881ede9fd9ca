"""The native graph model: an element's fields as Neo4j properties of their own type.

An organisation that runs Neo4j queries its graph with Cypher, Bloom and NeoDash, which filter by
property: ``MATCH (i:Initiative {status: 'in_progress'})``. So every scalar field of an element is
a property of its Neo4j type (texts as strings, whole numbers as integers, measures as floats,
dates as ``date``, enumerations as their file-format value, lists of scalars as lists), a site's
position is a ``point``, a link's reason is the ``reason`` of that relationship and a theme is a
``Theme`` node the element is ``TAGGED`` with.

Which fields are dates comes from the kind's model (graph/models.py), which fields are references
from the schema (graph/schema.py): a new kind needs nothing here. The record itself still travels
in ``data`` (canonical JSON), which is what the store reads back, so the properties are a view that
Neo4j's tools can use and that the tracker never has to parse.
"""
from __future__ import annotations

import datetime as dt
import types
from functools import cache
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from graph.models import MODEL_BY_KIND
from graph.schema import REFERENCES

#: The model of the graph in the server, kept on the revision node. 1: fields only in ``data``.
MODEL_VERSION = 2
#: The properties the store itself keeps on every element's node; a field of the same name is
#: stored as ``<kind>_<field>`` (a site's or an indicator's ``kind``: ``site_kind``).
STORE_PROPERTIES = frozenset({"id", "kind", "programme", "data", "version", "revision", "title"})
#: Fields that become relationships or nodes of their own rather than properties.
NOT_PROPERTIES = frozenset({"reasons", "themes"})
#: The label every part node (a reading, ...) carries besides its own, so an element's parts are found together.
PART_LABEL = "ItemPart"


def _mentions_date(annotation: Any) -> bool:
    """Whether a field's type is a date (or an optional date)."""
    if annotation is dt.date:
        return True
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return any(_mentions_date(arg) for arg in get_args(annotation))
    return False


@cache
def date_fields(kind: str) -> frozenset[str]:
    """The file-format names of a kind's date fields.

    >>> sorted(date_fields("initiative"))
    ['end', 'start']
    """
    model = MODEL_BY_KIND.get(kind)
    return _dates_of(model) if model is not None else frozenset()


@cache
def _dates_of(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(info.alias or name for name, info in model.model_fields.items() if _mentions_date(info.annotation))


@cache
def part_fields(kind: str) -> dict[str, type[BaseModel]]:
    """A kind's fields that are lists of records of their own (an indicator's readings), with their model.

    Each such record becomes a node labelled by its model (``Reading``) that points ``OF`` its element.

    >>> {field: model.__name__ for field, model in part_fields("indicator").items()}
    {'readings': 'Reading'}
    """
    model = MODEL_BY_KIND.get(kind)
    found: dict[str, type[BaseModel]] = {}
    for name, info in (model.model_fields.items() if model is not None else ()):
        if get_origin(info.annotation) is list:
            for arg in get_args(info.annotation):
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    found[info.alias or name] = arg
    return found


def parts(kind: str, item: str, data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The part nodes of an element by label: ``{"Reading": [{"holder", "seq", "props"}, ...]}``.

    >>> parts("indicator", "ind1", {"readings": [{"date": "2026-01-01", "value": 72}]})
    {'Reading': [{'holder': 'ind1', 'field': 'readings', 'seq': 0, 'props': {'date': datetime.date(2026, 1, 1), 'value': 72}}]}
    """
    found: dict[str, list[dict[str, Any]]] = {}
    for field, model in part_fields(kind).items():
        values = data.get(field)
        if not isinstance(values, list):
            continue
        dates = _dates_of(model)
        for seq, value in enumerate(values):
            if isinstance(value, dict):
                props = {k: (_as_date(v) if k in dates else v) for k, v in value.items() if _scalar(v)}
                found.setdefault(model.__name__, []).append({"holder": item, "field": field, "seq": seq, "props": props})
    return found


@cache
def reference_fields(kind: str) -> frozenset[str]:
    return frozenset(ref.field for ref in REFERENCES.get(kind, ()))


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _as_date(value: Any) -> Any:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    except ValueError:
        return value


def property_name(kind: str, field: str) -> str:
    """The property a field is stored as.

    >>> property_name("site", "kind"), property_name("site", "name")
    ('site_kind', 'name')
    """
    return f"{kind}_{field}" if field in STORE_PROPERTIES else field


def properties(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """An element's fields as Neo4j properties (references, reasons, themes and nested values left out).

    >>> properties("initiative", {"id": "i1", "title": "T", "status": "in_progress", "start": "2026-01-05",
    ...                           "focus_areas": ["fa1"], "themes": ["staff_capacity"]})
    {'status': 'in_progress', 'start': datetime.date(2026, 1, 5)}
    >>> properties("site", {"id": "s", "name": "Aarhus", "kind": "hospital", "lat": 56.1, "lon": 10.2})["site_kind"]
    'hospital'
    """
    dates = date_fields(kind)
    skip = reference_fields(kind) | NOT_PROPERTIES | set(part_fields(kind)) | {"id", "title"}
    props: dict[str, Any] = {}
    for field, value in data.items():
        if field in skip or value is None:
            continue
        if _scalar(value):
            props[property_name(kind, field)] = _as_date(value) if field in dates else value
        elif isinstance(value, list) and value and all(_scalar(v) for v in value) and len({type(v) for v in value}) == 1:
            props[property_name(kind, field)] = [_as_date(v) for v in value] if field in dates else value
    return props


def position(data: dict[str, Any]) -> tuple[float, float] | None:
    """A site's ``(longitude, latitude)`` when it has both, for a WGS-84 ``point``."""
    lat, lon = data.get("lat"), data.get("lon")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return float(lon), float(lat)
    return None


def reason_of(data: dict[str, Any], target: str) -> str | None:
    """The reason an element gives for its link to ``target``, if any."""
    reasons = data.get("reasons")
    if isinstance(reasons, dict):
        value = reasons.get(target)
        return value if isinstance(value, str) else None
    return None


def themes_of(data: dict[str, Any]) -> list[str]:
    themes = data.get("themes")
    return [t for t in themes if isinstance(t, str)] if isinstance(themes, list) else []


def _long_text_meta(metadata: Any) -> bool:
    """Whether constraints describe a text a person writes (a title or longer), not an id or a code."""
    return any(
        isinstance(getattr(m, "max_length", None), int) and m.max_length >= 300 and not getattr(m, "pattern", None)
        for m in metadata
    )


def _long_text(annotation: Any) -> bool:
    if _long_text_meta(getattr(annotation, "__metadata__", ())):
        return True
    return get_origin(annotation) in (Union, types.UnionType) and any(_long_text(arg) for arg in get_args(annotation))


@cache
def text_properties() -> tuple[str, ...]:
    """Every property that holds a text a person wrote, across all kinds, for the full-text index.

    >>> {"title", "description", "statement"} <= set(text_properties())
    True
    """
    names = {"title"}
    for kind, model in MODEL_BY_KIND.items():
        for name, info in model.model_fields.items():
            field = info.alias or name
            if field != "title" and (_long_text(info.annotation) or (info.annotation is str and _long_text_meta(info.metadata))):
                names.add(property_name(kind, field))
    return tuple(sorted(names))
