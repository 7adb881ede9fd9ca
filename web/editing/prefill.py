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
    # a role's target is written under its kind's key, as in a file
    names = {f.name for f in FIELDS[kind]} | (set(ROLE_TARGETS) if kind == "role" else set())
    multi = {f.name for f in FIELDS[kind] if f.widget in ("multi", "themes")}
    aliases = _ALIASES.get(kind, {})
    found: dict[str, object] = {}
    for key in args:
        name = aliases.get(key, key)
        if name not in names or name == "id":
            continue
        values = [v for v in args.getlist(key) if v]
        if values:
            found[name] = list(values) if name in multi else values[0]
    specialty = args.get("specialty")
    if kind in _AMBITION_KINDS and "ambition" not in found and specialty and specialty in pg:
        ambitions = sorted(pg.ambitions_of(specialty))
        if ambitions:
            found["ambition"] = ambitions[0]
    if kind == "initiative" and person and led:
        found.setdefault("owner", person)
        if "strength_position" not in found and "site" not in found:
            own = sorted(led)
            chosen = found.get("focus_areas")
            fa_specialties = {pg.specialty_of(fa) for fa in (chosen if isinstance(chosen, list) else []) if fa in pg}
            fitting = [sp for sp in own if not fa_specialties or pg.specialty_of(sp) in fa_specialties]
            if fitting:
                found["strength_position"] = fitting[0]
    return found
