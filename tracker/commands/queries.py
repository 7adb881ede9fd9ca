"""The read commands over the graph: trace, coverage, synergies, similar, check."""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from graph.queries import NotFound, findings_json, synergies_json
from graph.queries import check as check_guidance
from graph.queries import coverage as programme_coverage
from graph.queries.checks import group_findings
from graph.queries import synergies as shared_with
from graph.queries import trace as trace_initiative
from graph.queries.similar import pairs_of_specialty, similar_json
from graph.queries.similar import similar as similar_work
from graph.portfolio import PortfolioGraph
from graph.similarfile import open_index
from tracker.errors import UserError
from tracker.output import emit
from tracker.settings import Settings
from tracker.similarout import pairs_text, similar_text
from tracker.stores import load_graph, open_existing
from tracker.textout import coverage_text, findings_text, synergies_text, trace_text


def _show(doc: dict, args: argparse.Namespace, settings: Settings, render: Callable[[dict, str], str]) -> None:
    if args.format == "json":
        emit(json.dumps(doc, ensure_ascii=False, indent=2, default=str))
    else:
        emit(render(doc, settings.lang))


def _compared(url: str) -> PortfolioGraph:
    """The graph with its similarity index from the file beside the store (graph/similarfile.py):
    loaded, caught up or built and saved, so the next command need not build it again."""
    pg = load_graph(url)
    with open_existing(url) as store:
        open_index(store, pg)
    return pg


def trace(args: argparse.Namespace, settings: Settings) -> None:
    pg = load_graph(settings.store())
    _show(trace_initiative(pg, args.initiative).to_json(), args, settings, trace_text)


def coverage(args: argparse.Namespace, settings: Settings) -> None:
    pg = load_graph(settings.store())
    _show(programme_coverage(pg, args.programme).to_json(), args, settings, coverage_text)


def synergies(args: argparse.Namespace, settings: Settings) -> None:
    pg = _compared(settings.store())
    doc = synergies_json(shared_with(pg, args.specialty)) | {"pairs": pairs_of_specialty(pg, args.specialty)}
    _show(doc, args, settings, lambda d, lang: synergies_text(d, lang) + pairs_text(d["pairs"], lang))


def similar(args: argparse.Namespace, settings: Settings) -> None:
    pg = _compared(settings.store())
    try:
        found = similar_work(pg, args.element, limit=args.limit)
    except NotFound:
        raise UserError(
            da=f"'{args.element}' er ikke en faglig indsats, et indsatsområde eller en kerneudfordring",
            en=f"'{args.element}' is not an initiative, a focus area or a core challenge",
        ) from None
    _show(similar_json(args.element, found), args, settings, lambda d, lang: similar_text(pg, d, lang))


def check(args: argparse.Namespace, settings: Settings) -> None:
    pg = load_graph(settings.store())
    if args.specialty and pg.kind(args.specialty) != "specialty":
        raise UserError(da=f"'{args.specialty}' er ikke et speciale", en=f"'{args.specialty}' is not a specialty")
    found = check_guidance(pg, args.specialty)
    if args.format == "text":
        # People read one line per rule and ambition; the JSON keeps every finding for programs.
        found = group_findings(pg, found)
    _show(findings_json(found, settings.lang), args, settings, findings_text)
