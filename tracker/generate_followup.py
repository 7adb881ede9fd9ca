"""The follow-up of a generated portfolio (issue 21): monthly check-ins for its running initiatives
and signals from practice, so that the benchmarks see them.

Added on top of the ``nodes`` the generator aims at (they are history, not plan): about one
check-in per running initiative per month, one in ten missing and one in eight at risk, and one
open signal per specialty with a core-team member. The same seed gives the same history.
"""
from __future__ import annotations

import datetime as dt
import random

#: The month the history ends in (the generator's "today" is 2026-11-01, so October is the last reported).
_LAST = dt.date(2026, 10, 1)


def _months_back(last: dt.date, months: int) -> list[dt.date]:
    found = []
    year, month = last.year, last.month
    for _ in range(months):
        found.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found[::-1]


def add_followup(doc: dict, months: int, seed: int = 1) -> dict:
    """Add ``months`` months of check-ins and one open signal per specialty to a generated ``doc``; return it.

    >>> d = {"initiatives": [{"id": "s-i1", "status": "in_progress", "start": "2026-01-01", "owner": "p1"}],
    ...      "roles": [{"person": "p2", "role": "core_team", "specialty": "s"}],
    ...      "focus_areas": [{"id": "s-fa1", "ambition": "s-amb"}], "ambitions": [{"id": "s-amb", "specialty": "s"}]}
    >>> d = add_followup(d, 3)
    >>> [(c["period"], c["status"]) for c in d["check_ins"]], [s["subject"] for s in d["signals"]]
    ([('2026-08-01', 'on_track'), ('2026-09-01', 'on_track'), ('2026-10-01', 'on_track')], ['s-fa1'])
    """
    rng = random.Random(seed * 7919 + months)
    check_ins: list[dict] = []
    periods = _months_back(_LAST, months)
    for ini in doc.get("initiatives", []):
        if ini.get("status") != "in_progress":
            continue
        started = str(ini.get("start") or "")
        for period in periods:
            if started > period.isoformat()[:7] + "-31" or rng.random() < 0.1:
                continue
            item = {"id": f"{ini['id']}-status-{period.isoformat()[:7]}", "subject": ini["id"], "period": period.isoformat(),
                    "status": "at_risk" if rng.random() < 0.125 else "on_track", "happened": "Planen er fulgt",
                    "next": "Næste skridt som planlagt", "written_on": (period + dt.timedelta(days=33)).isoformat()}
            if item["status"] == "at_risk":
                item["needed"] = "Ressourcer til at komme videre"
            if ini.get("owner"):
                item["by"] = ini["owner"]
            check_ins.append(item)
    specialty_of = {a["id"]: a.get("specialty") for a in doc.get("ambitions", [])}
    first_area: dict[str, str] = {}
    for fa in doc.get("focus_areas", []):
        first_area.setdefault(str(specialty_of.get(fa.get("ambition"))), fa["id"])
    signals: list[dict] = []
    for role in doc.get("roles", []):
        spec = role.get("specialty")
        if role["role"] == "core_team" and spec in first_area and all(s["subject"] != first_area[spec] for s in signals):
            signals.append({"id": f"{first_area[spec]}-signal", "subject": first_area[spec], "kind": "barrier",
                            "text": "Vagtplanen dækker ikke nætterne", "raised_by": role["person"], "raised_on": "2026-10-20"})
    doc["check_ins"] = check_ins
    doc["signals"] = signals
    return doc
