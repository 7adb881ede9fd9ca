"""What a store keeps and is given: one element as a record, and a change set of records.

Kept apart from graph.changeset (which validates through the pydantic models) so that reading a
portfolio, from a store or from the prepared read model, never loads the models.
"""
from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass
class ChangeSet:
    """Elements to create or update (upsert by id), ids to delete, and the versions the editor saw."""

    upserts: list[Record] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)
    expect: dict[str, int] = field(default_factory=dict)
    note: str = ""
    #: The store revision a whole-portfolio file was exported at (None: unknown, an older file).
    based_on: int | None = None

    def __bool__(self) -> bool:
        return bool(self.upserts or self.deletes)
