"""Reading a portfolio file's bytes into a parsed document (YAML or JSON), with located problems.

Only plain data is accepted: YAML is read with the safe loader, anchors and aliases are refused
(they let a few lines expand into millions of items) and a field given twice in one item is an
error rather than silently keeping the last one.
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from graph.problems import InvalidChangeSet
from importers.messages import FileProblem

SUFFIXES: dict[str, str] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, minus aliases and repeated keys."""

    def construct_object(self, node, deep=False):  # noqa: ANN001, ANN201 - PyYAML's signature
        # A node constructed before is reached a second time only through an alias.
        if node in self.constructed_objects:
            mark = node.start_mark
            raise _Refused("yaml_alias", {"line": mark.line + 1, "column": mark.column + 1})
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node, deep=False):  # noqa: ANN001, ANN201 - PyYAML's signature
        seen: set = set()
        for key_node, _ in node.value:
            key = key_node.value
            if key in seen:
                mark = key_node.start_mark
                raise _Refused("duplicate_key", {"key": key, "line": mark.line + 1, "column": mark.column + 1})
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _Refused(Exception):
    def __init__(self, code: str, params: dict):
        self.code = code
        self.params = params


def _fail(code: str, source: str, params: dict | None = None) -> InvalidChangeSet:
    return InvalidChangeSet([FileProblem(code, source, params=params or {})])


def read_bytes(path: Path) -> bytes:
    """Return the file's bytes; raise InvalidChangeSet if it is missing or unreadable."""
    source = str(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise _fail("file_missing", source) from None
    except IsADirectoryError:
        raise _fail("file_unreadable", source, {"reason": "is a directory"}) from None
    except OSError as exc:
        raise _fail("file_unreadable", source, {"reason": exc.strerror or type(exc).__name__}) from None


def decode(raw: bytes, source: str) -> str:
    """Return the UTF-8 text of a file (a leading byte-order mark is dropped); raise InvalidChangeSet if it is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start
        line = raw.count(b"\n", 0, offset) + 1
        params = {"offset": offset, "line": line, "byte": f"{raw[offset]:02X}"}
        raise _fail("not_utf8", source, params) from None


def parse_text(text: str, fmt: str, source: str) -> object:
    """Return the parsed YAML or JSON document; raise InvalidChangeSet naming the line and column of a syntax error."""
    if fmt == "json":
        try:
            return json.loads(text, object_pairs_hook=_json_object)
        except json.JSONDecodeError as exc:
            raise _fail("json_syntax", source, {"line": exc.lineno, "column": exc.colno, "problem": exc.msg}) from None
        except _Refused as exc:
            raise _fail(exc.code, source, exc.params) from None
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a subclass of the safe loader
    except _Refused as exc:
        raise _fail(exc.code, source, exc.params) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "syntax error"
        raise _fail("yaml_syntax", source, {"line": line, "column": column, "problem": problem}) from None
    except yaml.YAMLError as exc:
        raise _fail("yaml_syntax", source, {"line": 1, "column": 1, "problem": str(exc)}) from None


def _json_object(pairs: list[tuple[str, object]]) -> dict:
    obj: dict = {}
    for key, value in pairs:
        if key in obj:
            # The JSON decoder gives no position to a hook; the key itself is what a person searches for.
            raise _Refused("duplicate_key_json", {"key": key})
        obj[key] = value
    return obj


def format_of(path: Path, source: str) -> str:
    """Return ``"yaml"`` or ``"json"`` from the file's extension; raise InvalidChangeSet for any other."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise _fail("file_extension", source, {"suffix": path.suffix or path.name})
    return fmt


def load_document(path: Path) -> object:
    """Return the parsed document of a ``.yaml``, ``.yml`` or ``.json`` file; raise InvalidChangeSet naming the file."""
    source = str(path)
    fmt = format_of(path, source)
    return parse_text(decode(read_bytes(path), source), fmt, source)
