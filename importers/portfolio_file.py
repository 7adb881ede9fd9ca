"""Portfolio files (format v1, YAML or JSON) in and out.

``read_portfolio`` turns a file into one validated change set; ``export_document`` turns one
programme of the graph back into a document, and ``write_document`` writes it. Export then
import gives the same records, so the same file serves as backup, bulk edit and exchange format.
"""
from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import yaml

from graph.changeset import ChangeSet, Record
from graph.models import MODELS
from graph.portfolio import PortfolioGraph
from graph.schema import references_of
from importers.document import FORMAT, changeset_from_document
from importers.loading import SUFFIXES, decode, format_of, parse_text, read_bytes
from importers.yaml_fast import dump as dump_simple_yaml
from importers.yaml_fast import dump_to as dump_simple_yaml_to

# The Excel reader and writer (and with them openpyxl and numpy, 0.1 s) are imported where a
# workbook is read or written, and the file format's own pydantic model (importers.schema, 17 ms)
# where the schema is asked for: not by every command and server start that imports this module.
if TYPE_CHECKING:
    from pydantic import BaseModel

    from importers.schema import PortfolioDocument


def __getattr__(name: str) -> object:
    # PortfolioDocument is re-exported here, built on first use.
    if name == "PortfolioDocument":
        from importers.schema import PortfolioDocument

        return PortfolioDocument
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def json_schema() -> dict:
    """The JSON Schema of the portfolio file format (importers.schema.json_schema)."""
    from importers.schema import json_schema as schema_of

    return schema_of()

__all__ = [
    "FORMAT",
    "PortfolioDocument",
    "ProgrammeChoiceError",
    "export_document",
    "json_schema",
    "read_portfolio",
    "read_portfolio_bytes",
    "save_document",
    "write_document",
]


def read_portfolio(path: Path) -> ChangeSet:
    """Return the portfolio file at ``path`` (``.yaml``, ``.yml``, ``.json`` or ``.xlsx``) as one validated change set.

    Raises graph.problems.InvalidChangeSet listing every problem, each located by the file name,
    the item's section and position, its id and the field. References are checked when a store
    applies the change set, against what the store already holds.
    """
    path = Path(path)
    source, note = str(path), f"import {path.name}"
    fmt = format_of(path, source)
    if fmt == "xlsx":
        return read_portfolio_bytes(read_bytes(path), source, note=note)
    # Each stage lets go of the one before (the bytes once decoded, the text once parsed, every
    # item of the document once it is a record): at 200,000 elements they are 60 to 200 MB each.
    return changeset_from_document(parse_text(decode(read_bytes(path), source), fmt, source), source, note=note, consume=True)


def read_portfolio_bytes(raw: bytes, name: str, note: str = "") -> ChangeSet:
    """Return an uploaded file's bytes as one validated change set; ``name`` (its file name) chooses the format.

    The contract, for any bytes at all: a change set or InvalidChangeSet naming the problems,
    never another exception.
    """
    fmt = format_of(Path(name), name)
    if fmt == "xlsx":
        from importers.xlsx_reader import changeset_from_xlsx

        return changeset_from_xlsx(raw, name, note=note or f"import {name}")
    return changeset_from_document(parse_text(decode(raw, name), fmt, name), name, note=note or f"import {name}")


# -- export ---------------------------------------------------------------------------------


class ProgrammeChoiceError(ValueError):
    """The graph holds no programme, or several and none was chosen; ``programmes`` lists their ids."""

    def __init__(self, programmes: list[str], asked: str | None = None):
        self.programmes = programmes
        self.asked = asked
        if asked is not None:
            text = f"no programme '{asked}'"
        elif not programmes:
            text = "the portfolio holds no programme"
        else:
            text = "the portfolio holds several programmes; choose one"
        known = ", ".join(programmes) or "none"
        super().__init__(f"{text} (programmes: {known})")


def _choose_programme(pg: PortfolioGraph, programme: str | None) -> str:
    programmes = sorted(pg.ids("programme"))
    if programme is not None:
        if programme not in programmes:
            raise ProgrammeChoiceError(programmes, programme)
        return programme
    if len(programmes) != 1:
        raise ProgrammeChoiceError(programmes)
    return programmes[0]


def _programme_of(pg: PortfolioGraph, rec: Record, only: str | None) -> str | None:
    """The programme a record belongs to: its own, else its specialty's, else the only one there is."""
    if rec.programme is not None:
        return rec.programme
    specialty = pg.specialty_of(rec.id)
    if specialty is not None and specialty != rec.id:
        owner = pg.programme_of(specialty)
        if owner is not None:
            return owner
    return only


def _ordered(model: type[BaseModel], data: dict) -> dict:
    """The item's fields in the model's (the file format's) order; stores may hand them back sorted."""
    out: dict = {}
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key not in data:
            continue
        value = data[key]
        if key == "readings":
            value = [{k: r[k] for k in ("date", "value", "note") if k in r} for r in value]
        elif key == "perspectives":
            value = {k: value[k] for k in ("professional", "staff", "organisational") if k in value}
        out[key] = value
    out.update((k, v) for k, v in data.items() if k not in out)
    return out


def export_document(pg: PortfolioGraph, programme: str | None = None) -> dict:
    """Return the file-format document (v1) of one programme of the graph.

    With ``programme`` None the graph must hold exactly one programme. Items are sorted by id
    within each section, empty fields are left out and roles carry no id. Sites and people that
    the programme's items refer to are included even when they were stored with another programme.
    Raises ProgrammeChoiceError (a ValueError) naming the programmes when the choice is unclear.
    """
    chosen = _choose_programme(pg, programme)
    only = chosen if pg.count("programme") == 1 else None
    by_kind: dict[str, dict[str, Record]] = {m.kind: {} for m in MODELS}
    for model in MODELS:
        for rec in pg.records(model.kind):
            if _programme_of(pg, rec, only) == chosen:
                by_kind[model.kind][rec.id] = rec
    # Shared sites and people follow the items that use them.
    for kind in list(by_kind):
        for rec in list(by_kind[kind].values()):
            for _ref, target in references_of(rec.kind, rec.data):
                target_kind = pg.kind(target)
                if target_kind in ("site", "person") and target not in by_kind[target_kind]:
                    by_kind[target_kind][target] = pg.record(target)

    # The revision lets an import of this file later tell what was changed after it was taken.
    doc: dict = {"format": FORMAT, "revision": pg.revision}
    for model in MODELS:
        records = sorted(by_kind[model.kind].values(), key=lambda rec: rec.id)
        items = [_ordered(model, rec.data) for rec in records]
        if model.section == "programme":
            doc["programme"] = items[0]
        else:
            doc[model.section] = items
    return doc


# -- writing --------------------------------------------------------------------------------

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _format_for(path: Path | None, fmt: str | None) -> str:
    if fmt is not None:
        key = fmt.lower().lstrip(".")
        if key in ("yaml", "yml"):
            return "yaml"
        if key in ("json", "xlsx"):
            return key
        raise ValueError(f"unknown format '{fmt}': use yaml, json or xlsx")
    if path is not None and path.suffix:
        found = SUFFIXES.get(path.suffix.lower())
        if found is None:
            raise ValueError(f"unknown file type '{path.suffix}': use .yaml, .yml, .json or .xlsx")
        return found
    return "yaml"


def dump_text(doc: dict, fmt: str = "yaml") -> str:
    """Return a document as YAML (readable Danish letters, keys in file order) or JSON text."""
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    simple = dump_simple_yaml(doc)
    if simple is not None:
        return simple
    return yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


def write_document(
    doc: dict | None, path: Path | None, fmt: str | None = None, lang: str = "da", template: bool = False
) -> str:
    """Return the document as YAML (the default) or JSON text, and write it to ``path`` if one is given.

    The format is ``fmt`` (``"yaml"``, ``"json"`` or ``"xlsx"``) or else the path's extension. The
    file is written to a temporary file in the same folder that then replaces ``path``, so a failed
    write leaves no half-written file behind. An Excel workbook (headers in ``lang``; without
    rows when ``template``) is binary: it is written to ``path`` and the text returned is empty.
    Raises ValueError for an unknown format, or for a workbook without a path.
    """
    path = Path(path) if path is not None else None
    fmt = _format_for(path, fmt)
    if fmt == "xlsx":
        if path is None:
            raise ValueError("an Excel workbook needs a file name: use -o FILE.xlsx")
        from importers.xlsx_writer import workbook_bytes

        _write_atomically(path, workbook_bytes(doc, lang, template))
        return ""
    if doc is None:
        raise ValueError("a template is an Excel workbook: use -o FILE.xlsx")
    text = dump_text(doc, fmt)
    if path is not None:
        _write_atomically(path, text.encode("utf-8"))
    return text


def save_document(doc: dict, path: Path, fmt: str | None = None, lang: str = "da") -> None:
    """Write the document to ``path`` as ``write_document`` does, without holding its text in memory.

    For a whole portfolio: the JSON or YAML text of 200,000 elements, held whole and then encoded,
    is twice the size of the file on top of the document (and the JSON encoder with indentation
    keeps every piece of it in a list first: 400 MB at 200,000 elements). Here the text goes to
    the temporary file a few thousand lines at a time; the file is the same, byte for byte.
    """
    path = Path(path)
    fmt = _format_for(path, fmt)
    if fmt == "xlsx":
        write_document(doc, path, fmt, lang)
        return
    with _atomic_file(path) as out:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)
        if fmt == "json":
            encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
            pieces: list[str] = []
            for piece in encoder.iterencode(doc):
                pieces.append(piece)
                if len(pieces) >= 8192:
                    text.write("".join(pieces))
                    pieces = []
            text.write("".join(pieces) + "\n")
        elif not dump_simple_yaml_to(doc, text.write):
            text.seek(0)
            text.truncate()
            text.write(dump_text(doc, "yaml"))
        text.flush()
        text.detach()


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, so a failed write leaves no half file."""
    _write_atomically(path, data)


def _write_atomically(path: Path, data: bytes) -> None:
    with _atomic_file(path) as out:
        out.write(data)


@contextmanager
def _atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A temporary file in ``path``'s folder that replaces ``path`` when the block ends without an error."""
    folder = path.parent if str(path.parent) else Path(".")
    # mkstemp makes a private file; give the result the mode an ordinary new file would have.
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(temp_name, mode)
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def validate_document(doc: dict) -> PortfolioDocument:
    """Return the document as a PortfolioDocument (raises pydantic.ValidationError); for tools and tests."""

    from importers.schema import PortfolioDocument

    return PortfolioDocument.model_validate(doc)
