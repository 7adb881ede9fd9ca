"""``tracker followup``: a person's "Til opfølgning" (or the whole programme's), as text or JSON."""
from __future__ import annotations

import argparse
import datetime as dt
import json

from graph.portfolio import PortfolioGraph
from tracker.errors import UserError
from tracker.output import emit
from tracker.settings import Settings
from tracker.stores import load_graph


def day_option(text: str | None) -> dt.date:
    """The ``--on`` date (today when not given); a bad date is one line quoting it."""
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(da=f"'{text}' er ikke en dato (ÅÅÅÅ-MM-DD)", en=f"'{text}' is not a date (YYYY-MM-DD)") from None


def known(pg: PortfolioGraph, item: str | None, kind: str, da: str, en: str) -> None:
    """Refuse an id that is not an element of ``kind``, quoting it."""
    if item is not None and pg.kind(item) != kind:
        raise UserError(da=f"'{item}' er ikke {da} i porteføljen", en=f"'{item}' is not {en} in the portfolio")


def followup_text(pg: PortfolioGraph, doc: dict, lang: str) -> str:
    """The list as lines: a heading, then each specialty with its items."""
    from graph.vocabulary import kind_label

    who = pg.display_title(doc["person"]) if doc["person"] else ("programmet" if lang == "da" else "the programme")
    head = (f"Til opfølgning for {who} pr. {doc['on']}: {doc['count']}" if lang == "da"
            else f"To follow up for {who} on {doc['on']}: {doc['count']}")
    lines = [head]
    current: object = object()
    for item in doc["items"]:
        if item["specialty"] != current:
            current = item["specialty"]
            lines.append(pg.display_title(str(current)) if current else "-")
        lines.append(f"  - {kind_label(item['kind'], lang)} {item['title']} ({item['element']}): {item['text']}")
    return "\n".join(lines)


def followup(args: argparse.Namespace, settings: Settings) -> None:
    from graph.queries.followup import followup_for

    on = day_option(args.on)
    pg = load_graph(settings.store())
    known(pg, args.person, "person", "en person", "a person")
    known(pg, args.specialty, "specialty", "et speciale", "a specialty")
    doc = followup_for(pg, args.person, on, args.specialty).to_json(pg, settings.lang)
    if args.format == "json":
        emit(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        emit(followup_text(pg, doc, settings.lang))
