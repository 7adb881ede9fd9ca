"""The read commands over the graph: trace, coverage, synergies, similar, check."""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from graph.portfolio import PortfolioGraph
from graph.queries import NotFound
from tracker.errors import UserError
from tracker.output import emit
from tracker.settings import Settings
from tracker.stores import load_graph, open_existing, similar_index_path

# Each command imports its own query and text where it runs: a cold `tracker trace` loads the
# trace, not the health checks or the similarity index (scikit-learn) the other commands need.


def _show(doc: dict, args: argparse.Namespace, settings: Settings, render: Callable[[dict, str], str]) -> None:
    if args.format == "json":
        emit(json.dumps(doc, ensure_ascii=False, indent=2, default=str))
    else:
        emit(render(doc, settings.lang))


def _compared(url: str) -> PortfolioGraph:
    """The graph with its similarity index from the file beside the store (graph/readmodel/similar.py):
    loaded, caught up or built and saved, so the next command need not build it again."""
    from graph.readmodel.similar import open_index

    pg = load_graph(url)
    with open_existing(url) as store:
        open_index(store, pg, similar_index_path(store))
    return pg


def trace(args: argparse.Namespace, settings: Settings) -> None:
    from graph.queries.trace import trace as trace_initiative
    from tracker.impactout import suspect_text
    from tracker.textout import trace_text

    pg = load_graph(settings.store())
    found = trace_initiative(pg, args.initiative)
    # What is to re-confirm after a failed prerequisite (issue 23) is told in the text; the JSON stays the API's trace.
    suspects = suspect_text(pg, [args.initiative, *found.focus_areas], settings.lang)
    _show(found.to_json(), args, settings, lambda doc, lang: trace_text(doc, lang) + ("\n" + suspects if suspects else ""))


def coverage(args: argparse.Namespace, settings: Settings) -> None:
    from graph.queries.coverage import coverage as programme_coverage
    from tracker.textout import coverage_text

    pg = load_graph(settings.store())
    if args.programme is not None and pg.kind(args.programme) != "programme":
        known = ", ".join(sorted(pg.ids("programme"))) or "-"
        raise UserError(
            da=f"porteføljen har intet program '{args.programme}' (programmer: {known})",
            en=f"the portfolio holds no programme '{args.programme}' (programmes: {known})",
        )
    _show(programme_coverage(pg, args.programme).to_json(), args, settings, coverage_text)


def synergies(args: argparse.Namespace, settings: Settings) -> None:
    from graph.queries.similar import pairs_of_specialty
    from graph.queries.synergies import synergies as shared_with
    from graph.queries.synergies import synergies_json
    from tracker.similarout import pairs_text
    from tracker.textout import synergies_text

    pg = _compared(settings.store())
    doc = synergies_json(shared_with(pg, args.specialty)) | {"pairs": pairs_of_specialty(pg, args.specialty)}
    _show(doc, args, settings, lambda d, lang: synergies_text(d, lang) + pairs_text(d["pairs"], lang))


def similar(args: argparse.Namespace, settings: Settings) -> None:
    from graph.queries.similar import similar as similar_work
    from graph.queries.similar import similar_json
    from tracker.similarout import similar_text

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
    from graph.queries.checks import check as check_guidance
    from graph.queries.checks import findings_json, group_findings
    from tracker.textout import findings_text

    pg = load_graph(settings.store())
    if args.specialty and pg.kind(args.specialty) != "specialty":
        raise UserError(da=f"'{args.specialty}' er ikke et speciale", en=f"'{args.specialty}' is not a specialty")
    found = check_guidance(pg, args.specialty)
    if args.format == "text":
        # People read one line per rule and ambition; the JSON keeps every finding for programs.
        found = group_findings(pg, found)
    _show(findings_json(found, settings.lang), args, settings, findings_text)
