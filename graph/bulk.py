"""Bulk work on many small objects without the cyclic garbage collector's pauses.

Building 100,000 dicts and graph nodes triggers full collections again and again, each walking
every live object; none of that work creates reference cycles worth collecting meanwhile.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc(freeze: bool = False) -> Iterator[None]:
    """Pause automatic garbage collection for the block (nesting is safe).

    With ``freeze``, what the block built is moved out of the collector's sight afterwards
    (``gc.freeze``): a long-lived portfolio graph would otherwise be walked by every later full
    collection, which shows as 100-500 ms stalls in queries on a 100,000-node graph.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()
