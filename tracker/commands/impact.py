"""``tracker impact ID``: everything that depends on an element, across specialties (issue 23)."""
from __future__ import annotations

import argparse
import json

from graph.queries.impact import NotImpactable
from graph.queries.impact import impact as impact_of
from tracker.errors import UserError
from tracker.impactout import impact_text
from tracker.output import emit
from tracker.settings import Settings
from tracker.stores import load_graph


def impact(args: argparse.Namespace, settings: Settings) -> None:
    pg = load_graph(settings.store())
    try:
        found = impact_of(pg, args.element)
    except NotImpactable as exc:
        raise UserError(da=exc.da, en=exc.en) from None
    doc = found.to_json()
    if args.format == "json":
        emit(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        emit(impact_text(doc, settings.lang))
