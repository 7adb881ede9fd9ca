"""A file format for the tracker's caches that loading cannot turn into running code.

The prepared read model and the similarity index are files beside the store that another
process or person could replace. ``pickle`` would run whatever such a file asks for when it is
loaded; ``marshal`` only makes values (numbers, texts, bytes, lists, tuples, dicts, sets) and
nothing the tracker then calls, and it loads the read model's tables as fast as pickle. Numpy
arrays, which marshal does not know, travel beside the values as their numeric type, shape and
bytes, each with the place (dictionary keys and list positions) it goes back to; an array of
Python objects is refused both ways.

>>> import numpy as np
>>> state = {"ids": ["a", "b"], "pair": ("x", 1), "blocks": [{"idf": np.array([1.5, 2.0])}]}
>>> back = loads(dumps(state))
>>> back["ids"], back["pair"], back["blocks"][0]["idf"].tolist(), back["blocks"][0]["idf"].dtype.name
(['a', 'b'], ('x', 1), [1.5, 2.0], 'float64')
"""
from __future__ import annotations

import marshal
from typing import Any

#: Array kinds a cache may hold: booleans, signed and unsigned integers, floats.
_NUMERIC = frozenset("biuf")
Path = tuple[Any, ...]


def _is_array(value: Any) -> bool:
    return hasattr(value, "dtype") and hasattr(value, "tobytes") and hasattr(value, "shape")


def _take_arrays(value: Any, path: Path | None, found: list[tuple[Path, str, tuple[int, ...], bytes]]) -> Any:
    """``value`` with every array replaced by None, the arrays appended to ``found`` with their place.

    A numpy number becomes the Python number it holds. Inside a tuple (``path`` None) there is no
    place to put an array back, so an array there is refused.
    """
    if _is_array(value):
        if value.dtype.kind not in _NUMERIC:
            raise ValueError(f"an array of {value.dtype} cannot be kept in a cache file")
        if value.ndim == 0:
            return value.item()
        if path is None:
            raise ValueError("arrays inside a tuple cannot be kept in a cache file")
        found.append((path, value.dtype.str, tuple(int(n) for n in value.shape), value.tobytes()))
        return None
    if isinstance(value, dict):
        return {key: _take_arrays(v, None if path is None else (*path, key), found) for key, v in value.items()}
    if isinstance(value, list):
        return [_take_arrays(v, None if path is None else (*path, k), found) for k, v in enumerate(value)]
    if isinstance(value, tuple):
        return tuple(_take_arrays(v, None, found) for v in value)
    return value


def dumps(value: Any) -> bytes:
    """Return ``value`` (plain values, and numeric numpy arrays in dicts and lists) as bytes; ValueError for anything else."""
    arrays: list[tuple[Path, str, tuple[int, ...], bytes]] = []
    plain = _take_arrays(value, (), arrays)
    return marshal.dumps((plain, arrays))


def loads(data: bytes) -> Any:
    """Return the value ``dumps`` wrote; ValueError, EOFError, TypeError or KeyError for bytes it did not write."""
    plain, arrays = marshal.loads(data)
    if arrays:
        import numpy as np

        for path, dtype_text, shape, raw in arrays:
            dtype = np.dtype(dtype_text)
            if dtype.kind not in _NUMERIC or not path:
                raise ValueError(f"a cache file holds an array of {dtype} at {path!r}")
            holder = plain
            for step in path[:-1]:
                holder = holder[step]
            holder[path[-1]] = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    return plain
