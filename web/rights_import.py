"""An import judged record by record, as the single-item writes are: the programme of every element a
record refers to (in the store or in the same file), and no role on the importer's own person.

All or nothing: the first record that reaches outside the importer's programmes refuses the whole
file, with one message naming the file, the record, the field and the value.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _

from graph.portfolio import PortfolioGraph
from graph.queries.programme import referenced
from graph.record import Record
from graph.vocabulary import kind_label
from web.i18n import current_language
from web.rights import User, _has_secretariat, _targets
from web.rights_self import grants_self


@dataclass(frozen=True)
class Refusal:
    """Why one record of an import is refused: it gives the importer a role (``programme`` None), or
    reaches through ``field`` = ``value`` into ``programme``."""

    kind: str
    item: str
    field: str
    value: object
    programme: str | None = None


def find_refusal(user: User | None, pg: PortfolioGraph, upserts: Iterable[Record]) -> Refusal | None:
    """Return the first record of an import that the user may not write, judged as it would be written; or None.

    A record is refused when its programme, the programme of what it overwrites or that of any
    element it refers to (in the store or in the same file) is one the user is not in the
    secretariat of (and which has one), or when it gives the user's own person a role.
    """
    mine = _targets(user, pg, "secretariat")
    records = list(upserts)
    in_file = {r.id: (r.id if r.kind == "programme" else r.programme) for r in records}

    def programme_of(item: str) -> str | None:
        if item in in_file:
            return in_file[item]
        if item not in pg:
            return None
        return item if pg.kind(item) == "programme" else pg.programme_of(item)

    def foreign(programme: str | None) -> bool:
        return programme is not None and programme not in mine and _has_secretariat(pg, programme)

    for r in records:
        if r.kind == "role" and grants_self(user, pg, r.id, r.data):
            return Refusal(r.kind, r.id, "person", r.data.get("person"))
        reaches = [("programme", r.programme, r.programme)]
        reaches += [(name, ref, programme_of(ref)) for name, ref in referenced(r.kind, r.data)]
        if r.id in pg:
            reaches.append(("id", r.id, r.id if pg.kind(r.id) == "programme" else pg.programme_of(r.id)))
        for name, value, programme in reaches:
            if foreign(programme):
                return Refusal(r.kind, r.id, name, value, programme)
    return None


def import_refusal(user: User | None, pg: PortfolioGraph, upserts: Iterable[Record], source: str) -> str | None:
    """Return why an import of ``upserts`` (from the file ``source``) is refused, in the user's language; or None."""
    found = find_refusal(user, pg, upserts)
    if found is None:
        return None
    kind = kind_label(found.kind, current_language()).lower()
    if found.programme is None:
        return _(
            "%(file)s: the %(kind)s '%(item)s' gives yourself a role (field 'person', value '%(value)s'); "
            "a role on yourself is given by another secretariat member or on the command line. Nothing is imported.",
            file=source, kind=kind, item=found.item, value=found.value,
        )
    return _(
        "%(file)s: the %(kind)s '%(item)s' reaches in the field '%(field)s' with the value '%(value)s' "
        "into the programme '%(programme)s', whose secretariat you are not in. Nothing is imported.",
        file=source, kind=kind, item=found.item, field=found.field, value=found.value, programme=found.programme,
    )
