"""Where the user came from: a new form pre-filled from the page's query arguments and the signed-in person."""
from __future__ import annotations

from werkzeug.datastructures import MultiDict

from graph.portfolio import PortfolioGraph
from web.editing.forms import FIELDS, ROLE_TARGETS

#: Query arguments that name a place under another field name in a kind's form.
_ALIASES: dict[str, dict[str, str]] = {
    "initiative": {"focus_area": "focus_areas"},
    "prerequisite": {"focus_area": "enables"},
}
_AMBITION_KINDS = frozenset({"challenge", "prerequisite", "focus_area"})
#: Widgets whose value is a mapping, which no query argument spells.
_STRUCTURED = frozenset({"figures", "reasons"})


def prefill(
    kind: str, args: MultiDict, pg: PortfolioGraph, person: str | None = None, led: set[str] | frozenset[str] = frozenset()
) -> dict[str, object]:
    """Return the item a new form starts from: the query arguments under the kind's field names,
    the specialty's ambition where a specialty is given, and for an implementation lead (``led``:
    the strength positions they lead) themselves as owner and their strength position.

    >>> from graph.examples import example_graph
    >>> pg = example_graph()
    >>> prefill("challenge", MultiDict({"specialty": "geri", "site": "holb"}), pg)
    {'site': 'holb', 'ambition': 'geri-amb'}
    >>> prefill("initiative", MultiDict({"focus_area": "geri-fa1"}), pg, "eva", {"geri-hs"})
    {'focus_areas': ['geri-fa1'], 'owner': 'eva', 'strength_position': 'geri-hs'}
    """
    found = _from_arguments(kind, args)
    specialty = args.get("specialty")
    if kind in _AMBITION_KINDS and "ambition" not in found and specialty and specialty in pg:
        ambitions = sorted(pg.ambitions_of(specialty))
        if ambitions:
            found["ambition"] = ambitions[0]
    if kind == "initiative" and person and led:
        found.setdefault("owner", person)
        if "strength_position" not in found and "site" not in found:
            position = _own_position(pg, found.get("focus_areas"), led)
            if position is not None:
                found["strength_position"] = position
    return found


def _from_arguments(kind: str, args: MultiDict) -> dict[str, object]:
    """The query arguments that name a field of ``kind``'s form (or one of its aliases), non-empty."""
    # a role's target is written under its kind's key, as in a file
    names = {f.name for f in FIELDS[kind]} | (set(ROLE_TARGETS) if kind == "role" else set())
    multi = {f.name for f in FIELDS[kind] if f.widget in ("multi", "themes")}
    # Figures and reasons are tables, not one text: a query argument cannot fill them (``?figures=x``).
    names -= {f.name for f in FIELDS[kind] if f.widget in _STRUCTURED}
    aliases = _ALIASES.get(kind, {})
    found: dict[str, object] = {}
    for key in args:
        name = aliases.get(key, key)
        if name not in names or name == "id":
            continue
        values = [v for v in args.getlist(key) if v]
        if values:
            found[name] = list(values) if name in multi else values[0]
    return found


def _own_position(pg: PortfolioGraph, chosen: object, led: set[str] | frozenset[str]) -> str | None:
    """The first strength position the lead leads in the specialty of the chosen focus areas (any, without)."""
    fa_specialties = {pg.specialty_of(fa) for fa in (chosen if isinstance(chosen, list) else []) if fa in pg}
    fitting = [sp for sp in sorted(led) if not fa_specialties or pg.specialty_of(sp) in fa_specialties]
    return fitting[0] if fitting else None
