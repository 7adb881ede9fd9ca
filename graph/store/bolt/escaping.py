"""What travels as parameters: rows cut into UNWIND batches of a byte budget, long texts into pieces."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any


def cost(value: Any) -> int:
    """A generous estimate of a parameter's size on the wire (ASCII-escaped JSON)."""
    return len(json.dumps(value, default=str))


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
