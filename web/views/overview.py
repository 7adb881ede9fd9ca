"""The portfolio overview (coverage matrix, roadmap, orphan initiatives) and the list of specialties."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from flask import render_template, request, url_for
from markupsafe import Markup

from graph.queries.checks import problem_count
from graph.queries.meetings import meetings_of
from web import clock
from web.answers import coverage_json
from web.i18n import current_language
from web.paging import asked_query, matching, page_of
from web.state import cached, portfolio
from web.views import bp
from web.views.common import by_name, chosen_programme, grouped_findings, specialty_sites
from web.views.overview_filters import STATUS_FILTERS, agenda_filters, filter_rows

SEQUENCES: tuple[str, ...] = ("now", "next", "later")
#: Specialties per page of the overview (a region has about 40; generated portfolios many more).
OVERVIEW_PAGE = 100
ROADMAP_LIMIT = 5
#: Specialties per page of the list of specialties.
SPECIALTIES_PAGE = 100
PHASES: tuple[str, ...] = ("preparation", "ambition", "analysis", "implementation", "operation")


def _coverage_json(programme: str | None) -> dict:
    return coverage_json(programme)


def _roadmap(specialties: tuple[str, ...]) -> list[dict]:
    """Per specialty, its focus areas grouped by sequence (now, next, later, none)."""
    pg = portfolio()
    rows = []
    for sid in specialties:
        groups: dict[str, list[str]] = {s: [] for s in (*SEQUENCES, "")}
        for amb in pg.ambitions_of(sid):
            for fa in pg.focus_areas_of(amb):
                groups[pg.data(fa).get("sequence") or ""].append(fa)
        if any(groups.values()):
            rows.append({"specialty": sid, "groups": groups})
    return rows


def _row_html(row: dict) -> Markup:
    """One specialty's coverage row as HTML, kept until a write touches the specialty: after a write
    the overview renders only the rows of the specialties it touched (issue 13: under 100 ms)."""
    sid = row["id"]
    return cached(
        "overview_row",
        (current_language(), sid, clock.today().isoformat()),  # the follow-up in the row changes with the day
        lambda: Markup(render_template("overview_row.html", r=row, finding_counts={sid: problem_count(grouped_findings(sid))})),
        specialty=sid,
    )


def _roadmap_html(sid: str) -> Markup | None:
    """One specialty's roadmap row as HTML (None without focus areas), kept like ``_row_html``."""

    def render() -> Markup | None:
        rows = _roadmap((sid,))
        if not rows:
            return None
        return Markup(render_template("roadmap_row.html", row=rows[0], sequences=SEQUENCES, limit=ROADMAP_LIMIT))

    return cached("roadmap_row", (current_language(), sid), render, specialty=sid)


@bp.route("/")
def overview() -> str:
    """The portfolio overview: coverage matrix, roadmap and orphan initiatives, a page of specialties at a time."""
    programme = chosen_programme()
    site = request.args.get("site") or None
    phase = request.args.get("phase") or None
    meeting, status = agenda_filters()
    asked = request.args.get("page", "1")
    page = int(asked) if asked.isascii() and asked.isdigit() and int(asked) > 0 else 1
    key = (current_language(), programme, site, phase, page, meeting, status, clock.today().isoformat())
    # The content depends only on the graph, these choices and the day (the follow-up in the rows),
    # so it is rendered once per revision and day.
    body = cached("overview", key, lambda: Markup(_overview_body(programme, site, phase, page, meeting, status)))
    return render_template("overview.html", body=body)


def _overview_body(programme: str | None, site: str | None, phase: str | None, page: int,
                   meeting: str | None = None, status: str | None = None) -> str:
    pg = portfolio()
    cov = _coverage_json(programme)
    rows = filter_rows(pg, cov["specialties"], meeting, status)
    if phase:
        rows = [r for r in rows if r["phase"] == phase]
    if site:
        rows = [r for r in rows if site in specialty_sites(r["id"])]
    pages = max(1, -(-len(rows) // OVERVIEW_PAGE))
    page = min(page, pages)
    shown_rows = rows[(page - 1) * OVERVIEW_PAGE : page * OVERVIEW_PAGE]
    shown = tuple(r["id"] for r in shown_rows)
    sites = [s for s in pg.ids("site") if programme is None or pg.programme_of(s) == programme]
    chosen: dict[str, Any] = {"site": site, "phase": phase, "programme": programme, "meeting": meeting, "status": status}
    roadmap_html = {sid: html for sid in shown if (html := _roadmap_html(sid)) is not None}
    return render_template(
        "overview_body.html",
        rows=shown_rows,
        row_html={r["id"]: _row_html(r) for r in shown_rows},
        total=len(rows),
        orphans=cov["orphan_initiatives"],
        roadmap=[{"specialty": sid} for sid in roadmap_html],
        roadmap_html=roadmap_html,
        sequences=SEQUENCES,
        limit=ROADMAP_LIMIT,
        sites=sites,
        programmes=pg.ids("programme"),
        phases=PHASES,
        statuses=STATUS_FILTERS,
        meetings=[m for m in meetings_of(pg) if programme is None or pg.data(m).get("programme") == programme],
        chosen=chosen,
        page=page,
        pages=pages,
        first=(page - 1) * OVERVIEW_PAGE + 1,
        last=(page - 1) * OVERVIEW_PAGE + len(shown_rows),
        page_url=lambda n: url_for("pages.overview", page=n, **{k: v for k, v in chosen.items() if v}),
    )


@bp.route("/specialties")
def specialties() -> str:
    """Every specialty, by programme, with phase and ambition status; a page at a time, ``?q=`` filters."""
    pg = portfolio()
    by_programme: dict[str | None, list[str]] = defaultdict(list)
    for sid in pg.ids("specialty"):
        by_programme[pg.programme_of(sid)].append(sid)
    ordered = [(p, sid) for p, ids in by_programme.items() for sid in by_name(ids)]
    query = asked_query()
    listing = page_of(matching(ordered, query, lambda ps: f"{pg.display_title(ps[1])} {ps[1]}"), SPECIALTIES_PAGE, query=query)
    groups: dict[str | None, list[str]] = defaultdict(list)
    for programme, sid in listing.items:
        groups[programme].append(sid)
    return render_template("specialties.html", groups=list(groups.items()), listing=listing)
