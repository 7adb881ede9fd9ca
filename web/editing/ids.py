"""Ids of new elements: readable, unique slugs made from the title (no technical field to fill in)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping

from graph.portfolio import PortfolioGraph

#: Danish letters as Danes write them without the letter (``Ærø`` -> ``aeroe``), before accents are dropped.
_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def slug(text: str) -> str:
    """Return a readable id made from a title: lower-case ASCII letters and digits joined by hyphens.

    >>> slug("Færre akutte genindlæggelser på Næstved"), slug("Øget trivsel & rekruttering"), slug("Café-møde")
    ('faerre-akutte-genindlaeggelser-paa-naestved', 'oeget-trivsel-rekruttering', 'cafe-moede')
    """
    plain = unicodedata.normalize("NFKD", text.translate(_DANISH_LETTERS))
    plain = plain.encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", plain)
    return "-".join(words)[:60].strip("-") or "item"


def new_id(pg: PortfolioGraph, kind: str, raw: Mapping, today: dt.date | None = None) -> str:
    """Return a fresh id for a new item, from its name or title and the kind (a check-in or signal
    without a period by ``today``'s month)."""
    # a person's title is their job title: people are named by their name, as pg.display_title does
    keys = ("name",) if kind == "person" else ("title", "name", "statement", "text")
    name = next((str(raw[k]) for k in keys if raw.get(k)), kind)
    base = slug(name)
    if kind in ("check_in", "signal"):
        # named by what they are about: a title's slug would be shared by thousands of them
        when = str(raw.get("period") or (today or dt.date.today()).isoformat())[:7]
        base = slug(f"{raw.get('subject') or kind}-{'status' if kind == 'check_in' else 'signal'}-{when}")
    candidate, n = base, 2
    while candidate in pg:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
