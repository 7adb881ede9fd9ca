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
from importers.limits import LIMITS, Limits, Refused, integer, real, too_large, yaml_depth_bound
from importers.messages import FileProblem
from importers.yaml_fast import NOT_SIMPLE
from importers.yaml_fast import load as load_simple_yaml

SUFFIXES: dict[str, str] = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".xlsx": "xlsx"}

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
            if not isinstance(key_node, yaml.ScalarNode):
                continue  # a list or mapping as a key: the safe constructor refuses it as unhashable
            key = key_node.value
            if key in seen:
                mark = key_node.start_mark
                raise _Refused("duplicate_key", {"key": key, "line": mark.line + 1, "column": mark.column + 1})
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    # Numbers and dates that Python cannot or should not hold arrive as markers or text, and the
    # document walk (importers.limits.value_problems) names them by item and field.
    def construct_yaml_int(self, node):  # noqa: ANN001, ANN201 - PyYAML's signature
        if sum(c.isdigit() for c in node.value) > LIMITS.max_digits:
            return Refused("number_too_large", node.value)
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node):  # noqa: ANN001, ANN201 - PyYAML's signature
        return real(node.value, super().construct_yaml_float(node))

    def construct_yaml_timestamp(self, node):  # noqa: ANN001, ANN201 - PyYAML's signature
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            # 2026-13-01 looks like a date to YAML's resolver but is none; keep the text, the models say what is wrong.
            return node.value


_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _StrictLoader.construct_yaml_float)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)


class _Refused(Exception):
    def __init__(self, code: str, params: dict):
        self.code = code
        self.params = params


def _fail(code: str, source: str, params: dict | None = None) -> InvalidChangeSet:
    return InvalidChangeSet([FileProblem(code, source, params=params or {})])


def read_bytes(path: Path, limits: Limits = LIMITS) -> bytes:
    """Return the file's bytes; raise InvalidChangeSet if it is missing, unreadable or too large."""
    source = str(path)
    try:
        large = too_large(path.stat().st_size, source, limits)
        if large is not None:
            raise InvalidChangeSet([large])
        return path.read_bytes()
    except FileNotFoundError:
        raise _fail("file_missing", source) from None
    except IsADirectoryError:
        raise _fail("file_unreadable", source, {"reason": "is a directory"}) from None
    except OSError as exc:
        raise _fail("file_unreadable", source, {"reason": exc.strerror or type(exc).__name__}) from None


def decode(raw: bytes, source: str, limits: Limits = LIMITS) -> str:
    """Return the UTF-8 text of a file (a leading byte-order mark is dropped); raise InvalidChangeSet if it is not UTF-8 or too large."""
    large = too_large(len(raw), source, limits)
    if large is not None:
        raise InvalidChangeSet([large])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start
        line = raw.count(b"\n", 0, offset) + 1
        params = {"offset": offset, "line": line, "byte": f"{raw[offset]:02X}"}
        raise _fail("not_utf8", source, params) from None


def parse_text(text: str, fmt: str, source: str, limits: Limits = LIMITS) -> object:
    """Return the parsed YAML or JSON document; raise InvalidChangeSet naming the line and column of a syntax error.

    The document may hold ``importers.limits.Refused`` markers where a number broke a limit;
    importers.document.changeset_from_document names them by item and field.
    """
    if fmt == "json":
        return _parse_json(text, source, limits)
    simple = load_simple_yaml(text)
    if simple is not NOT_SIMPLE:
        return simple
    try:
        if yaml_depth_bound(text) > limits.yaml_depth_bound:
            # PyYAML's C composer recurses once per level and overflows the C stack on a deep file;
            # its parser does not, so count the levels from its events first.
            _check_yaml_depth(text, source, limits)
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


def _check_yaml_depth(text: str, source: str, limits: Limits) -> None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                depth += 1
                if depth > limits.max_depth:
                    raise _too_deep(event.start_mark, source, limits)  # type: ignore[arg-type]  # the parser always marks
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml (from 0.2.5) scans flow collections ahead and stops at its own nesting limit
        # before the parser hands us the event at our (lower) limit: the same refusal.
        if "nesting depth" in (exc.problem or "") and exc.problem_mark is not None:
            raise _too_deep(exc.problem_mark, source, limits) from None
        raise


def _too_deep(mark: yaml.Mark, source: str, limits: Limits) -> InvalidChangeSet:
    params = {"line": mark.line + 1, "column": mark.column + 1, "max": limits.max_depth}
    return _fail("too_deep_at", source, params)


def _parse_json(text: str, source: str, limits: Limits) -> object:
    try:
        return json.loads(
            text,
            object_pairs_hook=_json_object,
            parse_int=lambda raw: integer(raw, limits),
            parse_float=lambda raw: real(raw, float(raw)),
            parse_constant=lambda raw: Refused("not_finite", raw),
        )
    except json.JSONDecodeError as exc:
        raise _fail("json_syntax", source, {"line": exc.lineno, "column": exc.colno, "problem": exc.msg}) from None
    except _Refused as exc:
        raise _fail(exc.code, source, exc.params) from None
    except RecursionError:
        # The standard library's decoder recurses once per level; deeper than the interpreter allows
        # is far beyond any portfolio file, and the decoder gives no position.
        raise _fail("too_deep", source, {"max": limits.max_depth}) from None


def _json_object(pairs: list[tuple[str, object]]) -> dict:
    obj: dict = {}
    for key, value in pairs:
        if key in obj:
            # The JSON decoder gives no position to a hook; the key itself is what a person searches for.
            raise _Refused("duplicate_key_json", {"key": key})
        obj[key] = value
    return obj


def format_of(path: Path, source: str) -> str:
    """Return ``"yaml"``, ``"json"`` or ``"xlsx"`` from the file's extension; raise InvalidChangeSet for any other."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise _fail("file_extension", source, {"suffix": path.suffix or path.name})
    return fmt


def load_document(path: Path) -> object:
    """Return the parsed document of a ``.yaml``, ``.yml`` or ``.json`` file; raise InvalidChangeSet naming the file."""
    source = str(path)
    fmt = format_of(path, source)
    return parse_text(decode(read_bytes(path), source), fmt, source)
