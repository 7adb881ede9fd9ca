"""Portfolio documents (file format v1, already parsed from YAML or JSON) to change sets."""
from __future__ import annotations

from graph.bulk import paused_gc
from graph.changeset import ChangeSet, Record, parse_record
from graph.models import MODELS
from graph.problems import InvalidChangeSet, Problem
from importers.limits import LIMITS, Limits, value_problems
from importers.limits import shown as shown_value
from importers.messages import FileProblem, found_words

FORMAT = "ambition-tracker/v1"

#: Top-level keys of a document, in file order.
SECTIONS: tuple[str, ...] = tuple(m.section for m in MODELS)


def changeset_from_document(
    doc: object, source: str = "<document>", note: str = "", limits: Limits = LIMITS, consume: bool = False
) -> ChangeSet:
    """Validate a whole portfolio document and return it as one change set (upserts only).

    Values beyond the limits of importers.limits (depth, text length, control characters, number
    size, non-finite numbers) are refused first, each named by item and field. Every problem in the
    document is collected and raised together as InvalidChangeSet; each problem's location starts
    with ``source`` (the file name) and the item's section and position.
    With ``consume`` the document's lists are emptied as their items become records (for a caller
    that parsed the document only for this: a large file's items and records are then never all
    held at once).

    >>> cs = changeset_from_document({"format": FORMAT, "programme": {"id": "bass", "name": "BASS"}})
    >>> [r.id for r in cs.upserts]
    ['bass']
    """
    with paused_gc():
        beyond = list(value_problems(doc, source, limits))
        if beyond:
            raise InvalidChangeSet(beyond)
        return _changeset_from_document(doc, source, note, consume)


def _changeset_from_document(doc: object, source: str, note: str, consume: bool = False) -> ChangeSet:
    if not isinstance(doc, dict):
        found_da, found_en = found_words(doc)
        raise InvalidChangeSet([FileProblem("not_document", source, params={"found_da": found_da, "found_en": found_en})])
    problems: list[Problem] = []
    marker = doc.get("format")
    if "format" not in doc:
        problems.append(FileProblem("format_missing", source, None, "format", {"expected": FORMAT}))
    elif marker != FORMAT:
        problems.append(FileProblem("format_marker", source, None, "format", {"expected": FORMAT, "found": repr(marker)}))
    for key in doc:
        if key not in ("format", "revision") and key not in SECTIONS:
            problems.append(Problem("extra", source, None, str(key)))
    based_on = doc.get("revision")
    if based_on is not None and (not isinstance(based_on, int) or isinstance(based_on, bool) or based_on < 0):
        problems.append(Problem("integer", source, None, "revision"))
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
                problems.extend(_explain_text(p, item) for p in exc.problems)
            if consume and items is raw:
                items[i] = None  # done with: the record holds what is kept
    if problems:
        raise InvalidChangeSet(problems)
    return ChangeSet(upserts=records, note=note or f"import {source}", based_on=based_on)


def _value_at(item: object, path: str | None) -> object:
    """Return the raw value at a dotted field path of an item (``readings.0.note``), or None."""
    value = item
    for part in (path or "").split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def _explain_text(problem: Problem, item: object) -> Problem:
    """Return the problem, told more plainly when a number, date or yes/no stands where text belongs.

    YAML reads ``id: 123``, ``title: 2026-01-01`` and ``name: no`` as a number, a date and false;
    the fix is to put the value in quotes, so say so.
    """
    if problem.code == "detail" and problem.detail == "Input should be a finite number":
        # Text such as "nan" or "1e999" that pydantic would read as a number that is none.
        return FileProblem("not_finite", problem.where, problem.item, problem.field, {"value": shown_value(str(_value_at(item, problem.field)))})
    if problem.code != "text":
        return problem
    value = _value_at(item, problem.field)
    if isinstance(value, dict | list) or value is None:
        return problem
    found_da, found_en = found_words(value)
    shown = str(value).lower() if isinstance(value, bool) else str(value)
    params = {"found_da": found_da, "found_en": found_en, "value": shown}
    return FileProblem("text_not_number", problem.where, problem.item, problem.field, params)
