"""Moving a whole portfolio between stores (SQLite to Neo4j and back), checked by counting."""
from __future__ import annotations

from graph.changeset import ChangeSet, parse_record
from graph.store import Store
from graph.text import counted
from tracker.errors import UserError


class CopyRefused(UserError):
    """The copy was not made or did not check out; ``text(lang)`` says why, in Danish or English."""


def copy_portfolio(source: Store, target: Store, actor: str, replace: bool = False) -> dict[str, int]:
    """Copy every element of ``source`` into ``target`` in one change set; return the counts per kind.

    Every element is validated again on the way (a store written by hand may hold anything). A
    target that already holds elements is refused unless ``replace``: then elements only the target
    has are deleted, so the target ends equal to the source. Afterwards the counts per kind of both
    stores must match, or CopyRefused is raised.
    """
    snapshot = source.load()
    upserts = [parse_record(r.kind, r.data, f"{source.url}: {r.kind} {r.id}", r.programme) for r in snapshot.records]
    present = {r.id for r in target.load().records}
    extra = sorted(present - {r.id for r in upserts})
    if present and not replace:
        raise CopyRefused(
            da=f"{target.url} indeholder allerede {counted(len(present), 'da')}; brug --replace for at erstatte dem med kopien",
            en=f"{target.url} already holds {counted(len(present), 'en')}; use --replace to replace them with the copy",
        )
    target.apply(ChangeSet(upserts, deletes=extra, note=f"copy from {source.url}"), actor)
    expected, actual = source.counts(), target.counts()
    if expected != actual:
        kinds = sorted(set(expected) | set(actual))
        differ = ", ".join(f"{k}: {expected.get(k, 0)} ≠ {actual.get(k, 0)}" for k in kinds if expected.get(k, 0) != actual.get(k, 0))
        raise CopyRefused(da=f"antallet passer ikke efter kopieringen ({differ})", en=f"the counts differ after the copy ({differ})")
    return actual
