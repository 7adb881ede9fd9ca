"""Fast YAML for the block style portfolio files are written in; anything else goes to PyYAML.

PyYAML's constructor and resolver spend 30 s on a 100,000-node file that JSON reads in under 1 s.
A portfolio file as ``tracker export`` writes it uses a small part of YAML: block mappings and
sequences, one scalar per line, plain or quoted. ``load`` reads exactly that part, line by line
and without recursion, and returns ``NOT_SIMPLE`` at the first thing outside it (flow
collections, block scalars, anchors, tags, comments after values, repeated keys, multi-line
scalars, tabs ...), so the caller hands the text to PyYAML, which then also gives the precise
message. Scalars resolve exactly as PyYAML's safe loader resolves them (YAML 1.1: ``yes`` is
true, ``2026-01-01`` a date), through PyYAML's own resolver and constructors for anything that
is not obviously text. ``dump`` writes that same part, every scalar on one line.

tests/importers/test_yaml_fast.py checks both against PyYAML on generated and hostile input.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Final

import yaml

#: Returned by ``load`` when the text is not in the simple part of YAML.
NOT_SIMPLE: Final = object()


class _NotSimple(Exception):
    pass


#: Characters that make ``load`` step aside: tabs, line breaks other than \n (YAML 1.1 also breaks
#: lines at NEL, LS and PS), byte-order marks and everything PyYAML's reader refuses.
_STEP_ASIDE = re.compile("[\t\x85\u2028\u2029\ufeff]|[^\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Escapes that a JSON decoder reads exactly as YAML does (\/ and surrogate escapes excepted).
_JSON_ESCAPES = re.compile(r'\\(?:[\\"bfnrt]|u(?![dD][89a-fA-F])[0-9a-fA-F]{4})')
#: First characters of the plain scalars PyYAML may read as something other than text.
_RESOLVED_FIRST = frozenset("0123456789+-.~<=!&*yYnNtTfFoO")
_STR_TAG = "tag:yaml.org,2002:str"


def _loader():  # noqa: ANN202 - the strict loader of importers.loading, created once
    from importers.loading import _StrictLoader

    return _StrictLoader("")


_LOADER = None
_RESOLVER = yaml.resolver.Resolver()


#: Plain decimal numbers, read by int() and float() exactly as PyYAML's constructors read them
#: (a leading 0 makes an octal integer in YAML 1.1, so it is left to PyYAML).
_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})\Z")
_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+\Z")


def _plain(text: str) -> object:
    """The value of a plain scalar, resolved and constructed as PyYAML's strict safe loader does."""
    if text[0] not in _RESOLVED_FIRST or (text[0].isalpha() and len(text) > 5):
        return text
    if _FLOAT.match(text):
        return float(text)
    if _INT.match(text):
        return int(text)
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    if tag == _STR_TAG:
        return text
    if tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"):
        raise _NotSimple
    global _LOADER
    if _LOADER is None:
        _LOADER = _loader()
    node = yaml.ScalarNode(tag, text)
    return _LOADER.yaml_constructors[tag](_LOADER, node)


def _scalar(text: str) -> object:
    """The value written after ``key: `` or ``- `` (stripped, not empty)."""
    first = text[0]
    if first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            raise _NotSimple
        return inner.replace("''", "'")
    if first == '"':
        if len(text) < 2 or text[-1] != '"':
            raise _NotSimple
        inner = text[1:-1]
        if "\\" in inner and _JSON_ESCAPES.sub("", inner).count("\\"):
            raise _NotSimple
        try:
            return json.loads(text, strict=False)
        except ValueError:
            raise _NotSimple from None
    if text == "[]":
        return []
    if text == "{}":
        return {}
    if first in "[]{},#&*!|>%@`?:" or (first == "-" and (len(text) == 1 or text[1] == " ")):
        raise _NotSimple
    if " #" in text or ": " in text or text.endswith(":"):
        raise _NotSimple
    return _plain(text)


def _key(content: str) -> tuple[str, str]:
    """Split ``key: rest`` into the key and the rest (stripped); raise _NotSimple if the line is no such entry."""
    if content[0] in "'\"":
        quote = content[0]
        end = content.find(quote + ":", 1)
        while end != -1 and quote == "'" and content[1:end].replace("''", "").count("'"):
            end = content.find(quote + ":", end + 1)
        if end == -1 or (len(content) > end + 2 and content[end + 2] != " "):
            raise _NotSimple
        key = _scalar(content[: end + 1])
        return str(key), content[end + 2 :].strip(" ")
    colon = content.find(": ")
    if colon == -1:
        if not content.endswith(":"):
            raise _NotSimple
        colon = len(content) - 1
    raw = content[:colon]
    if not raw or raw[-1] == " " or raw[0] in "[]{},#&*!|>%@`?:-'\"" or "#" in raw:
        raise _NotSimple
    if _plain(raw) != raw:
        raise _NotSimple  # a key such as yes, 1 or null is no text key
    return raw, content[colon + 1 :].strip(" ")


def load(text: str) -> object:
    """Return the document of a YAML text in the simple block style, or NOT_SIMPLE.

    >>> load("format: ambition-tracker/v1\\nsites:\\n- id: holb\\n  lat: 55.7\\n  partner_sites: []\\n")
    {'format': 'ambition-tracker/v1', 'sites': [{'id': 'holb', 'lat': 55.7, 'partner_sites': []}]}
    >>> load("sites: [holb]\\n") is NOT_SIMPLE
    True
    """
    try:
        return _load(text)
    except _NotSimple:
        return NOT_SIMPLE


#: The common line: indent, an optional "- ", a key of letters, digits and _, a colon and the rest.
_SIMPLE_LINE = re.compile(r"( *)(- )?([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?\Z")
#: First characters after which a plain value is text without further thought.
_TEXT_FIRST = frozenset(c for c in map(chr, range(0x20, 0x250)) if c.isalpha() and c not in "yYnNtTfFoO")


def _fast_scalar(value: str) -> object:
    """_scalar for the common values: plain text that starts with an ordinary letter, and quoted text without escapes."""
    first = value[0]
    if first in _TEXT_FIRST:
        if " #" not in value and ": " not in value and value[-1] != ":":
            return value
    elif first == '"' and len(value) > 1 and value[-1] == '"':
        inner = value[1:-1]
        if "\\" not in inner and '"' not in inner:
            return inner
    return _scalar(value)


def _split(line: str) -> tuple[int, int, str | None, str]:
    """A line's indent, the column of its content after any "- " (-1 if no dash), its key (None for a
    sequence item's scalar) and the rest."""
    match = _SIMPLE_LINE.match(line)
    if match is not None:
        spaces, dash, key, rest = match.groups()
        if key not in _WORDS:
            indent = len(spaces)
            if rest and (rest[0] == " " or rest[-1] == " "):
                rest = rest.strip(" ")
            return indent, indent + 2 if dash else -1, key, rest or ""
    content = line.lstrip(" ")
    indent = len(line) - len(content)
    content = content.rstrip(" ")
    column = -1
    if content == "-" or content.startswith("- "):
        rest = content[1:].lstrip(" ")
        if not rest or rest == "-" or rest.startswith("- "):
            raise _NotSimple
        column = indent + len(content) - len(rest)
        is_entry = rest[0] not in "'\"[{" and (": " in rest or rest.endswith(":")) or (rest[0] in "'\"" and _quoted_key(rest))
        if not is_entry:
            return indent, column, None, rest
        content = rest
    if content.startswith(("---", "...", "%")):
        raise _NotSimple
    key, rest = _key(content)
    return indent, column, key, rest


def _load(text: str) -> object:
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            raise _NotSimple
    if _STEP_ASIDE.search(text):
        raise _NotSimple
    root: dict = {}
    # Open containers, innermost last: (indent, container). A sequence may share its indent with
    # the mapping that holds it ("key:" then "- item" below it, as PyYAML writes).
    stack: list[tuple[int, dict | list]] = [(0, root)]
    # A "key:" whose value comes on the next lines: (mapping, key, column of the key).
    pending: tuple[dict, str, int] | None = None
    started = False
    for line in text.split("\n"):
        if not line or line[0] == "#" or (line[0] == " " and (not line.strip(" ") or line.lstrip(" ")[0] == "#")):
            continue
        indent, column, key, rest = _split(line)
        is_item = column >= 0
        if not started:
            if indent != 0 or is_item:
                raise _NotSimple
            started = True
        if pending is not None:
            holder, pending_key, key_column = pending
            pending = None
            if indent > key_column or (indent == key_column and is_item):
                child: dict | list = [] if is_item else {}
                holder[pending_key] = child
                stack.append((indent, child))
            else:
                holder[pending_key] = None
        while stack[-1][0] > indent:
            stack.pop()
            if not stack:
                raise _NotSimple
        top_indent, container = stack[-1]
        if not is_item and top_indent == indent and type(container) is list:
            stack.pop()
            if not stack:
                raise _NotSimple
            top_indent, container = stack[-1]
        if top_indent != indent:
            raise _NotSimple
        if is_item:
            if type(container) is not list:
                raise _NotSimple
            if key is None:
                container.append(_fast_scalar(rest))
                continue
            item: dict = {}
            container.append(item)
            stack.append((column, item))
            container, top_indent = item, column
        elif type(container) is not dict:
            raise _NotSimple
        if key in container:
            raise _NotSimple  # PyYAML's loader names the repeated key and its line
        if rest:
            container[key] = _fast_scalar(rest)
        else:
            container[key] = None
            pending = (container, key, top_indent)  # type: ignore[assignment]
    if pending is not None:
        pending[0][pending[1]] = None
    if not started:
        raise _NotSimple
    return root


def _quoted_key(rest: str) -> bool:
    """Whether an item's text is a quoted key followed by a colon (``- 'a b': 1``)."""
    try:
        _key(rest)
    except _NotSimple:
        return False
    return True


# -- writing ---------------------------------------------------------------------------------

_WORDS = frozenset(
    "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL".split()
)
_UNSAFE = "\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff"
#: Text that PyYAML reads back as the same text when written plain: a letter first, no ':' or '#',
#: nothing that needs an escape, no space at the end.
_PLAIN = re.compile(rf"[^\W\d_](?:[^:#{_UNSAFE}]*[^\s:#{_UNSAFE}])?")
_ESCAPE = re.compile(f"[{_UNSAFE}]")


def _escaped(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


_QUOTE = json.JSONEncoder(ensure_ascii=False).encode


def _text(value: str) -> str:
    if _PLAIN.fullmatch(value) and value not in _WORDS:
        return value
    return _ESCAPE.sub(_escaped, _QUOTE(value))


def _float(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        raise _NotSimple
    text = repr(value)
    if "." not in text and "e" in text:
        # YAML 1.1 reads 1e+20 as text; 1.0e+20 is a float.
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return text


def _value(value: object) -> str:
    if type(value) is str:
        return _text(value)
    if isinstance(value, str):
        return _text(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    raise _NotSimple


def _mapping(out: list[str], mapping: dict, indent: int, first_prefix: str | None = None, keys: dict | None = None) -> None:
    pad = " " * indent
    # The same few keys repeat on every item: write each once.
    keys = {} if keys is None else keys
    prefix = pad if first_prefix is None else first_prefix
    for key, value in mapping.items():
        written = keys.get(key)
        if written is None:
            if not isinstance(key, str):
                raise _NotSimple
            written = keys[key] = _text(key) + ":"
        head = prefix + written
        prefix = pad
        kind = type(value)
        if kind is str:
            out.append(head + " " + _text(value))
        elif isinstance(value, dict):
            if value:
                out.append(head)
                _mapping(out, value, indent + 2, None, keys)
            else:
                out.append(head + " {}")
        elif isinstance(value, list):
            if value:
                out.append(head)
                _sequence(out, value, indent, keys)
            else:
                out.append(head + " []")
        else:
            out.append(head + " " + _value(value))


def _sequence(out: list[str], items: list, indent: int, keys: dict) -> None:
    pad = " " * indent
    dash = pad + "- "
    for item in items:
        if type(item) is dict and item:
            _mapping(out, item, indent + 2, dash, keys)
        elif isinstance(item, list | dict):
            raise _NotSimple
        else:
            out.append(pad + "- " + _value(item))


def dump(doc: dict) -> str | None:
    """Return a document (mappings, lists and scalars, as the file format holds them) as block YAML, or None.

    None means the document holds something outside the simple style (a list in a list, an empty
    mapping in a list, a non-text key, a non-finite number); the caller then uses PyYAML.

    >>> print(dump({"format": "ambition-tracker/v1", "sites": [{"id": "holb", "name": "Holbæk: nord", "lat": 55.7}]}), end="")
    format: ambition-tracker/v1
    sites:
    - id: holb
      name: "Holbæk: nord"
      lat: 55.7
    """
    out: list[str] = []
    try:
        _mapping(out, doc, 0)
    except _NotSimple:
        return None
    return "\n".join(out) + "\n" if out else None


class _Lines:
    """``out`` for ``_mapping``: lines handed to ``write`` a batch at a time instead of kept as one list."""

    BATCH = 4096

    def __init__(self, write: Callable[[str], object]):
        self.write = write
        self.held: list[str] = []
        self.any = False

    def append(self, line: str) -> None:
        self.held.append(line)
        if len(self.held) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        if self.held:
            self.any = True
            self.write("\n".join(self.held) + "\n")
            self.held = []


def dump_to(doc: dict, write: Callable[[str], object]) -> bool:
    """Write ``dump(doc)`` through ``write`` a few thousand lines at a time; False if the document is not simple.

    The text of a 200,000-node portfolio is not held whole (``dump`` holds it twice: the lines and
    the joined text). On False part of it may have been written: the caller starts again, with PyYAML.

    >>> parts = []
    >>> dump_to({"format": "ambition-tracker/v1", "sites": [{"id": "holb"}]}, parts.append), "".join(parts) == dump(
    ...     {"format": "ambition-tracker/v1", "sites": [{"id": "holb"}]})
    (True, True)
    >>> dump_to({"sites": [[1]]}, parts.append)
    False
    """
    out = _Lines(write)
    try:
        _mapping(out, doc, 0)  # type: ignore[arg-type]
    except _NotSimple:
        return False
    out.flush()
    return out.any
