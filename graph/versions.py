"""A new version of an approved ambition: the chosen focus areas, indicators and initiatives carried over.

The carried items are copies with new ids (``<new ambition>.<old id>``) linked to what they came
from (``carried_from``; the ambition's ``previous``). The old version is left as it was, so it
stays readable with its readings and decisions.
"""
from __future__ import annotations

import copy
from collections.abc import Iterable

from graph.portfolio import PortfolioGraph
from graph.record import Data


def carried_id(new_ambition: str, old: str) -> str:
    """The id of a carried item.

    >>> carried_id("geri-amb-2028", "geri-fa1")
    'geri-amb-2028.geri-fa1'
    """
    return f"{new_ambition}.{old}"[:100]


def new_version(
    pg: PortfolioGraph, ambition: str, new_id: str, statement: str, horizon_months: int | None,
    focus_areas: Iterable[str], indicators: Iterable[str], initiatives: Iterable[str],
) -> list[tuple[str, Data]]:
    """Return ``(kind, raw item)`` for the new ambition and every carried item, in an order a change set accepts.

    Indicators are carried only under a carried focus area; an initiative keeps only its carried
    focus areas (one that keeps none is not carried). Readings stay with the old indicators.
    """
    old = pg.data(ambition)
    amb: Data = {"id": new_id, "specialty": old["specialty"], "statement": statement, "status": "draft", "previous": ambition}
    if horizon_months:
        amb["horizon_months"] = horizon_months
    out: list[tuple[str, Data]] = [("ambition", amb)]
    mine = set(pg.focus_areas_of(ambition))
    carried_fa = {fa: carried_id(new_id, fa) for fa in focus_areas if fa in mine}
    for fa, nid in carried_fa.items():
        item = copy.deepcopy(pg.data(fa))
        item.update(id=nid, ambition=new_id, carried_from=fa)
        item.pop("addresses", None)  # the challenges belong to the old version
        out.append(("focus_area", item))
    for ind in indicators:
        if pg.kind(ind) != "indicator" or pg.data(ind).get("focus_area") not in carried_fa:
            continue
        item = copy.deepcopy(pg.data(ind))
        item.update(id=carried_id(new_id, ind), focus_area=carried_fa[item["focus_area"]], carried_from=ind)
        item.pop("readings", None)
        out.append(("indicator", item))
    for ini in initiatives:
        if pg.kind(ini) != "initiative":
            continue
        item = copy.deepcopy(pg.data(ini))
        kept = [carried_fa[fa] for fa in item.get("focus_areas", []) if fa in carried_fa]
        if not kept:
            continue
        reasons = {carried_fa[k]: v for k, v in item.get("reasons", {}).items() if k in carried_fa}
        reasons.update({k: v for k, v in item.get("reasons", {}).items() if k in item.get("draws_on", [])})
        item.update(id=carried_id(new_id, ini), focus_areas=kept, carried_from=ini)
        if reasons:
            item["reasons"] = reasons
        else:
            item.pop("reasons", None)
        out.append(("initiative", item))
    return out
