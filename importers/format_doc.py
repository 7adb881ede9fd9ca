"""The reference part of docs/file-format.md, generated from the file format's JSON Schema.

The schema is generated from the models (importers.schema), so this text cannot drift from what
an import accepts: a test compares the committed document with what this module writes.
Regenerate after changing a model::

    python -m importers.format_doc docs/file-format.md
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

#: The line after which docs/file-format.md is generated; everything above it is written by hand.
MARKER = "<!-- Generated from the models by `python -m importers.format_doc docs/file-format.md`: do not edit below. -->"


def _ref_name(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _type_text(node: dict[str, Any], defs: dict[str, Any]) -> str:
    """Return a short human type for a schema node: ``text``, ``list of Reading``, ``planned | done``.

    >>> _type_text({"type": "string", "format": "date"}, {})
    'date'
    >>> _type_text({"anyOf": [{"type": "integer"}, {"type": "null"}]}, {})
    'whole number'
    >>> _type_text({"$ref": "#/$defs/S"}, {"S": {"enum": ["now", "next"]}})
    '`now` \\\\| `next`'
    """
    if "anyOf" in node:
        options = [part for part in node["anyOf"] if part.get("type") != "null"]
        return " or ".join(_type_text(part, defs) for part in options)
    name = _ref_name(node)
    if name is not None:
        target = defs[name]
        if "enum" in target:
            return " \\| ".join(f"`{value}`" for value in target["enum"])
        return f"[{name}](#{name.lower()})"
    if "enum" in node:
        return " \\| ".join(f"`{value}`" for value in node["enum"])
    if "const" in node:
        return f"`{node['const']}`"
    kind = node.get("type")
    if kind == "array":
        return "list of " + _type_text(node.get("items", {}), defs)
    if kind == "object":
        values = node.get("additionalProperties") or next(iter(node.get("patternProperties", {}).values()), None)
        return "map of id or name to " + _type_text(values, defs) if isinstance(values, dict) else "map"
    if kind == "string":
        return {"date": "date", "date-time": "date and time", "email": "e-mail"}.get(node.get("format", ""), "text")
    return {"integer": "whole number", "number": "number", "boolean": "true or false"}.get(str(kind), str(kind))


def _limits(node: dict[str, Any]) -> str:
    """Return the bounds a field's values must keep, as a short phrase (empty when there are none)."""
    parts = [node] + [part for part in node.get("anyOf", []) if part.get("type") != "null"]
    words: list[str] = []
    for part in parts:
        for key, phrase in (
            ("minLength", "not empty" if part.get("minLength") == 1 else "at least {} characters"),
            ("maxLength", "at most {} characters"),
            ("minimum", "from {}"), ("maximum", "up to {}"), ("maxItems", "at most {} items"),
            ("pattern", "matching `{}`"),
        ):
            if key in part:
                words.append(phrase.format(part[key]))
    return ", ".join(words)


def _references(model_name: str) -> dict[str, str]:
    """Return field -> "id of a focus area (relation SERVES)" for the reference fields of a model."""
    import graph.models
    from graph.schema import REFERENCES

    model = getattr(graph.models, model_name, None)
    kind = getattr(model, "kind", None)
    if not isinstance(kind, str):
        return {}
    found: dict[str, str] = {}
    for reference in REFERENCES.get(kind, ()):
        targets = " or ".join(f"`{target}`" for target in reference.targets)
        found[reference.field] = f"{'ids' if reference.many else 'id'} of {targets} (relation `{reference.relation}`)"
    return found


def _item_table(name: str, defs: dict[str, Any]) -> list[str]:
    item = defs[name]
    refers = _references(name)
    required = set(item.get("required", []))
    lines = [f"### {name}", ""]
    if item.get("description"):
        lines += [" ".join(item["description"].split()), ""]
    fields = item.get("properties", {})
    # A meaning column only where the models describe a field: an empty column says nothing.
    described = any(node.get("description") for node in fields.values())
    lines += ["| field | type | required | refers to, limits |" + (" meaning |" if described else ""),
              "|---|---|---|---|" + ("---|" if described else "")]
    for field, node in fields.items():
        meaning = " ".join(str(node.get("description", "")).split())
        lines.append(
            f"| `{field}` | {_type_text(node, defs)} | {'yes' if field in required else 'no'} "
            f"| {'; '.join(filter(None, (refers.get(field), _limits(node))))} |"
            + (f" {meaning} |" if described else "")
        )
    return lines + [""]


def reference_markdown() -> str:
    """Return the generated reference: the sections of a file, then every item kind's fields.

    >>> text = reference_markdown()
    >>> "| `initiatives` | list of [Initiative](#initiative) |" in text
    True
    """
    from importers.schema import json_schema

    schema = json_schema()
    defs: dict[str, Any] = schema["$defs"]
    required = set(schema.get("required", []))
    lines = ["## Sections", "", "| section | holds | required |", "|---|---|---|"]
    for section, node in schema["properties"].items():
        lines.append(f"| `{section}` | {_type_text(node, defs)} | {'yes' if section in required else 'no'} |")
    lines += ["", "## Items", ""]
    shown: list[str] = []
    for node in schema["properties"].values():
        name = _ref_name(node.get("items", node))
        if name and "properties" in defs[name] and name not in shown:
            shown.append(name)
    # Parts of items (a reading, a figure) come after the items that hold them.
    shown += sorted(name for name, item in defs.items() if "properties" in item and name not in shown)
    for name in shown:
        lines += _item_table(name, defs)
    lines += ["## Enumerations", "", "| name | values |", "|---|---|"]
    for name in sorted(defs):
        if "enum" in defs[name]:
            lines.append(f"| {name} | {', '.join(f'`{value}`' for value in defs[name]['enum'])} |")
    return "\n".join(lines) + "\n"


def write(path: Path) -> None:
    """Replace what follows the marker in the document at ``path`` with the generated reference."""
    text = path.read_text(encoding="utf-8")
    head = text.split(MARKER, 1)[0] if MARKER in text else text.rstrip() + "\n\n"
    path.write_text(head + MARKER + "\n\n" + reference_markdown(), encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/file-format.md"))
