"""Portfolio documents (file format v1, already parsed from YAML or JSON) to change sets."""
from __future__ import annotations

from graph.changeset import ChangeSet, Record, parse_record
from graph.models import MODELS
from graph.problems import InvalidChangeSet, Problem

FORMAT = "ambition-tracker/v1"

#: Top-level keys of a document, in file order.
SECTIONS: tuple[str, ...] = tuple(m.section for m in MODELS)


def changeset_from_document(doc: object, source: str = "<document>", note: str = "") -> ChangeSet:
    """Validate a whole portfolio document and return it as one change set (upserts only).

    Every problem in the document is collected and raised together as InvalidChangeSet; each
    problem's location starts with ``source`` (the file name) and the item's section and position.

    >>> cs = changeset_from_document({"format": FORMAT, "programme": {"id": "bass", "name": "BASS"}})
    >>> [r.id for r in cs.upserts]
    ['bass']
    """
    if not isinstance(doc, dict):
        raise InvalidChangeSet([Problem("mapping", source)])
    problems: list[Problem] = []
    marker = doc.get("format")
    if marker != FORMAT:
        problems.append(
            Problem("detail", source, None, "format", detail=f"format must be '{FORMAT}', found {marker!r}")
        )
    for key in doc:
        if key != "format" and key not in SECTIONS:
            problems.append(Problem("extra", source, None, str(key)))
    programme_raw = doc.get("programme")
    programme_id = programme_raw.get("id") if isinstance(programme_raw, dict) else None
    if programme_raw is None:
        problems.append(Problem("missing", source, None, "programme"))
    records: list[Record] = []
    for model in MODELS:
        raw = doc.get(model.section)
        if raw is None:
            continue
        items = [raw] if model.section == "programme" else raw
        if not isinstance(items, list):
            problems.append(Problem("list", source, None, model.section))
            continue
        for i, item in enumerate(items):
            where = f"{source}: {model.section}" if model.section == "programme" else f"{source}: {model.section}[{i}]"
            try:
                records.append(parse_record(model.kind, item, where, programme_id if isinstance(programme_id, str) else None))
            except InvalidChangeSet as exc:
                problems.extend(exc.problems)
    if problems:
        raise InvalidChangeSet(problems)
    return ChangeSet(upserts=records, note=note or f"import {source}")
