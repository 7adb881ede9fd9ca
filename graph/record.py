"""The unit a store keeps and the graph is built from: one element as a record.

Kept apart from graph.changeset (which validates through the pydantic models) so that reading a
portfolio, from a store or from the prepared read model, never loads the models.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: The file-format fields of an element (JSON-ready).
Data = dict[str, Any]


@dataclass
class Record:
    """One stored element: its kind, id, the file-format fields (JSON-ready) and its programme.

    ``version`` counts the element's own changes (1 after it is created); ``origin`` says where a
    record to be written came from, for messages (``"initiatives[3]"``).

    >>> Record("specialty", "geri", {"id": "geri", "name": "Geriatri"}).version
    0
    """

    kind: str
    id: str
    data: Data
    programme: str | None = None
    version: int = 0
    origin: str = ""
