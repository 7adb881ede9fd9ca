"""Limits on what a portfolio file may hold, checked before, while and after parsing.

A hostile or broken file must end in a named message, never in a crash: a document nested
50,000 levels deep overflows the C stack of PyYAML's composer, a 5,000-digit integer trips
Python's integer conversion limit, ``.nan`` and ``Infinity`` make the API emit invalid JSON, and
a control character in a title breaks every Excel download that contains it. So:

- before parsing: the size of the file, and for YAML a cheap upper bound of the nesting depth
  (with an exact, iterative check when the bound is high);
- while parsing: the parsers hand over suspicious numbers as ``Refused`` markers instead of values;
- after parsing: ``value_problems`` walks the document without recursion and names every value
  that breaks a limit by item and field, quoting it.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graph.problems import Problem
from importers.messages import FileProblem

#: The largest upload the web front end takes (its MAX_CONTENT_LENGTH).
UPLOAD_MAX_BYTES = 20 * 1024 * 1024
#: How many bytes a workbook may unpack to per byte of the largest upload.
UNPACKED_PER_UPLOADED = 10


@dataclass(frozen=True)
class Limits:
    """The bounds a portfolio file must keep; the defaults leave room for a portfolio of a million nodes."""

    #: The file's size in bytes.
    max_bytes: int = 512 * 1024 * 1024
    #: Containers inside containers; a portfolio file needs five (document, section, item, readings, reading).
    max_depth: int = 20
    #: Characters in one text (the models allow 20,000 in the longest field; this stops the absurd early).
    max_text: int = 100_000
    #: Digits in one whole number.
    max_digits: int = 30
    #: Above this bound on a YAML file's depth, the depth is measured exactly before PyYAML composes it.
    yaml_depth_bound: int = 1000
    #: Bytes a workbook may unpack to: in proportion to the largest upload (an exported workbook
    #: unpacks to a few times its size; a few kilobytes of repeated rows can unpack to gigabytes).
    max_unpacked: int = 0

    def __post_init__(self) -> None:
        if not self.max_unpacked:
            object.__setattr__(self, "max_unpacked", min(self.max_bytes, UPLOAD_MAX_BYTES * UNPACKED_PER_UPLOADED))


LIMITS = Limits()

#: Characters that text may not hold: control characters except tab and newline, and lone surrogates
#: (which no file encoding can carry and which break every later UTF-8 write).
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SHOWN = 60


class Refused:
    """A value a parser would not turn into a Python value; ``code`` says why, ``raw`` is the text as written."""

    __slots__ = ("code", "raw")

    def __init__(self, code: str, raw: str):
        self.code = code
        self.raw = raw

    def __repr__(self) -> str:
        return f"Refused({self.code!r}, {self.raw[:_SHOWN]!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Refused) and (self.code, self.raw) == (other.code, other.raw)

    def __hash__(self) -> int:
        return hash((self.code, self.raw))


def shown(text: str) -> str:
    """Return text as a message quotes it: cut to a readable length, control characters written as ``\\x07``."""
    cut = text[:_SHOWN] + ("…" if len(text) > _SHOWN else "")
    return _FORBIDDEN.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", cut)


def integer(raw: str, limits: Limits = LIMITS) -> int | Refused:
    """Return the whole number written ``raw``, or a Refused marker when it has too many digits."""
    if sum(c.isdigit() for c in raw) > limits.max_digits:
        return Refused("number_too_large", raw)
    return int(raw)


def real(raw: str, value: float) -> float | Refused:
    """Return ``value`` (parsed from ``raw``), or a Refused marker when it is not a finite number."""
    return value if math.isfinite(value) else Refused("not_finite", raw)


def too_large(size: int, source: str, limits: Limits = LIMITS) -> FileProblem | None:
    """Return the problem of a file of ``size`` bytes, or None when it is within the limit."""
    if size > limits.max_bytes:
        return FileProblem("file_too_large", source, params={"size": size, "max": limits.max_bytes})
    return None


def yaml_depth_bound(text: str) -> int:
    """Return an upper bound of a YAML text's nesting depth, in one pass at C speed.

    Flow collections nest at most once per ``[`` or ``{`` in the whole text; block collections at
    most once per column of indentation plus once per ``-``, ``?`` or ``:`` on the same line.
    """
    flow = text.count("[") + text.count("{")
    block = 0
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped:
            continue
        indicators = stripped.count("-") + stripped.count("?") + stripped.count(":")
        block = max(block, len(line) - len(stripped) + indicators)
    return flow + block


def _where(source: str, path: list[object], doc: object) -> tuple[str, str | None, str | None]:
    """Locate a value by its path from the document's top: (where, item id, dotted field)."""
    from importers.document import SECTIONS

    if len(path) >= 2 and path[0] in SECTIONS and path[0] != "programme" and isinstance(path[1], int):
        section, index, rest = path[0], path[1], path[2:]
        where = f"{source}: {section}[{index}]"
        entries = doc.get(section) if isinstance(doc, dict) else None
        item = entries[index] if isinstance(entries, list) and index < len(entries) else None
    elif path and path[0] == "programme":
        where, rest = f"{source}: programme", path[1:]
        item = doc.get("programme") if isinstance(doc, dict) else None
    else:
        where, rest, item = source, path, None
    item_id = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
    field = ".".join(str(p) for p in rest) or None
    return where, item_id, field


def _text_problem(text: str, limits: Limits) -> tuple[str, dict] | None:
    if len(text) > limits.max_text:
        return "text_too_long", {"length": len(text), "max": limits.max_text, "value": shown(text)}
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        char = bad.group()
        return "control_character", {"char": f"U+{ord(char):04X}", "value": shown(text)}
    return None


def _value_problem(value: object, limits: Limits) -> tuple[str, dict] | None:
    if isinstance(value, str):
        return _text_problem(value, limits)
    if isinstance(value, Refused):
        if value.code == "number_too_large":
            digits = sum(c.isdigit() for c in value.raw)
            return "number_too_large", {"digits": digits, "max": limits.max_digits, "value": shown(value.raw)}
        return value.code, {"value": shown(value.raw)}
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return "not_finite", {"value": str(value)}
    if isinstance(value, int) and (value > 10**limits.max_digits or value < -(10**limits.max_digits)):
        # A number that arrived already parsed (the API's JSON body); its digits are counted without str().
        return "number_too_large", {"digits": f"> {limits.max_digits}", "max": limits.max_digits, "value": "…"}
    return None


def _anything_beyond(doc: object, limits: Limits) -> bool:
    """Return whether any value or key of the document breaks a limit: the fast pass, without paths."""
    stack: list[tuple[Any, int]] = [(doc, 0)]  # Any: checked by type() for speed, not isinstance
    forbidden = _FORBIDDEN.search
    max_text, max_depth = limits.max_text, limits.max_depth
    pop, push = stack.pop, stack.append
    while stack:
        value, depth = pop()
        kind = type(value)
        if kind is str:
            if len(value) > max_text or forbidden(value):
                return True
        elif kind is dict:
            if depth >= max_depth:
                return True
            for key, sub in value.items():
                if type(key) is not str or len(key) > max_text or forbidden(key):
                    if _value_problem(key, limits) is not None:
                        return True
                push((sub, depth + 1))
        elif kind is list:
            if depth >= max_depth:
                return True
            for sub in value:
                push((sub, depth + 1))
        elif kind is int or kind is bool or value is None:
            if kind is int and not -(10**limits.max_digits) <= value <= 10**limits.max_digits:
                return True
        elif kind is float:
            if not math.isfinite(value):
                return True
        elif isinstance(value, tuple | set | frozenset) or _value_problem(value, limits) is not None:
            return True
    return False


def value_problems(doc: object, source: str, limits: Limits = LIMITS) -> Iterator[Problem]:
    """Yield a located problem for every value or key of a parsed document that breaks a limit.

    The walk keeps its own stack, so a document of any depth is walked without recursion; a
    container deeper than ``limits.max_depth`` is reported once and not entered. A first pass
    without paths answers the usual case (nothing wrong) quickly.
    """
    if not _anything_beyond(doc, limits):
        return
    yield from _located_problems(doc, source, limits)


def _located_problems(doc: object, source: str, limits: Limits) -> Iterator[Problem]:
    stack: list[tuple[object, list[object]]] = [(doc, [])]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict | list | tuple | set | frozenset):
            if len(path) >= limits.max_depth:
                where, item, field = _where(source, path, doc)
                yield FileProblem("too_deep", where, item, field, {"max": limits.max_depth})
                continue
            if isinstance(value, dict):
                for key, sub in reversed(list(value.items())):
                    found = _value_problem(key, limits)
                    if found is not None:
                        where, item, field = _where(source, [*path, shown(str(key))], doc)
                        code, params = found
                        yield FileProblem(code, where, item, field, params)
                    stack.append((sub, [*path, key]))
            else:
                items = list(value)
                for i in range(len(items) - 1, -1, -1):
                    stack.append((items[i], [*path, i]))
            continue
        found = _value_problem(value, limits)
        if found is not None:
            where, item, field = _where(source, path, doc)
            code, params = found
            yield FileProblem(code, where, item, field, params)
