"""What travels as parameters: texts escaped for servers that damage them, rows cut to a byte budget."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

_UNSAFE = re.compile(r"[%'\\\x00]")
_ESCAPED = re.compile(r"%(25|27|5C|00)")
_ESCAPES = {"%": "%25", "'": "%27", "\\": "%5C", "\x00": "%00"}
_UNESCAPES = {v[1:]: k for k, v in _ESCAPES.items()}


def escape_text(text: str) -> str:
    r"""Text as sent to a server whose Bolt parameters cannot carry ``'``, ``\`` or NUL (FalkorDB 4.16).

    >>> escape_text("Region Sjælland's \\ 100%")
    'Region Sjælland%27s %5C 100%25'
    """
    return _UNSAFE.sub(lambda m: _ESCAPES[m.group(0)], text)


def unescape_text(text: str) -> str:
    r"""The inverse of ``escape_text``.

    >>> unescape_text(escape_text("a'b\\c%d")) == "a'b\\c%d"
    True
    """
    return _ESCAPED.sub(lambda m: _UNESCAPES[m.group(1)], text)


def same(text: str) -> str:
    """Text as sent to servers that carry every text unchanged."""
    return text


def cost(value: Any) -> int:
    """A generous estimate of a parameter's size on the wire (ASCII-escaped JSON)."""
    return len(json.dumps(value))


def batches(rows: list[Any], budget: int) -> Iterator[list[Any]]:
    """Split ``rows`` into lists whose estimated size stays within ``budget`` (at least one row each).

    >>> [len(b) for b in batches(["aaaa"] * 5, 15)]
    [2, 2, 1]
    """
    batch: list[Any] = []
    used = 0
    for row in rows:
        size = cost(row) + 1
        if batch and used + size > budget:
            yield batch
            batch, used = [], 0
        batch.append(row)
        used += size
    if batch:
        yield batch


def pieces(text: str, budget: int) -> list[str]:
    """Cut ``text`` into consecutive pieces of at most ``budget`` estimated bytes each.

    >>> pieces("abcdefgh", 5)
    ['abc', 'def', 'gh']
    """
    out: list[str] = []
    start = 0
    while start < len(text):
        length = max(1, min(len(text) - start, budget - 2))
        while length > 1 and cost(text[start : start + length]) > budget:
            length = max(1, length * 3 // 4)
        out.append(text[start : start + length])
        start += length
    return out
