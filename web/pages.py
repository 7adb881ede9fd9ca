"""Read pages: the overview, a page per element kind, synergies, people, "my work", explorer, search.

Views gather ids and small dicts from the in-memory graph and the queries; templates show them
with the helpers of ``page_helpers`` (``title(id)``, ``url(id)``, ``data(id)`` ...). Results that
cost more than a walk of neighbours (coverage, health checks, roadmap, heat map) are cached per
graph revision.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, TypeVar
from urllib.parse import urlencode

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from graph.portfolio import PortfolioGraph, theme_node
from graph.store import StoreError
from graph.vocabulary import SETTLED_PREREQUISITE, SUSTAINABILITY_PERSPECTIVES, THEMES, Perspective, label
from web import charts, graphview, portfolio
from web.i18n import current_language

bp = Blueprint("pages", __name__)
T = TypeVar("T")

#: The page of each element kind (endpoint taking ``item_id``).
PAGE_OF_KIND: dict[str, str] = {
    "specialty": "pages.specialty",
    "initiative": "pages.initiative",
    "focus_area": "pages.focus_area",
    "prerequisite": "pages.prerequisite",
    "ambition": "pages.ambition",
    "challenge": "pages.challenge",
    "indicator": "pages.indicator",
    "site": "pages.site",
    "strength_position": "pages.strength_position",
    "person": "pages.person",
}

#: Kinds in the order search results and pictures list them.
KIND_ORDER: tuple[str, ...] = (
    "programme",
    "specialty",
    "ambition",
    "situation",
    "challenge",
    "prerequisite",
    "focus_area",
    "indicator",
    "initiative",
    "strength_position",
    "site",
    "person",
)
SEQUENCES: tuple[str, ...] = ("now", "next", "later")
SEARCH_LIMIT = 50
#: Specialties per page of the overview (a region has about 40; generated portfolios many more).
OVERVIEW_PAGE = 100
#: Partner specialties a synergy page shows, and shared elements linked per reason.
SYNERGIES_SHOWN = 50
REASON_IDS_SHOWN = 12
#: People per page of the people list.
PEOPLE_PAGE = 200
#: Most entries the per-revision cache keeps before it starts afresh.
CACHE_LIMIT = 2000
ROADMAP_LIMIT = 5

#: Words for the usual situation-picture figures; other figure names are shown as written.
FIGURE_NAMES: dict[str, Any] = {
    "specialists": _l("Specialists"),
    "trainees": _l("Trainees"),
    "nurses": _l("Nurses"),
    "secretaries": _l("Secretaries"),
    "beds": _l("Beds"),
    "occupancy": _l("Occupancy"),
    "waiting_list": _l("Waiting list"),
    "wellbeing": _l("Wellbeing"),
}


# -- helpers ------------------------------------------------------------------------------


def cached(name: str, key: object, compute: Callable[[], T]) -> T:
    """Return ``compute()``, remembered until the portfolio graph's revision changes."""
    pg = portfolio()
    cache: dict = current_app.extensions.setdefault("page_cache", {})
    stamp = (id(pg), pg.revision)
    if cache.get("_stamp") != stamp or len(cache) > CACHE_LIMIT:
        cache.clear()
        cache["_stamp"] = stamp
    slot = (name, key)
    if slot not in cache:
        cache[slot] = compute()
    return cache[slot]


def element_of(item_id: str, kind: str) -> str:
    """Return ``item_id`` if the graph holds an element of ``kind`` by that id; else answer 404."""
    if portfolio().kind(item_id) != kind:
        abort(404)
    return item_id


def title_of(item: str | None) -> str:
    """Return an element's readable name in the request's language (the id if it is unknown)."""
    if not item:
        return ""
    pg = portfolio()
    if item not in pg:
        return item
    if pg.kind(item) == "role":
        return item
    return graphview.element_text(pg, item, current_language())


def url_of(item: str | None) -> str | None:
    """Return the page of an element (an anchor on its specialty for situation notes), or None."""
    pg = portfolio()
    if not item or item not in pg:
        return None
    kind = pg.kind(item)
    if kind in PAGE_OF_KIND:
        return url_for(PAGE_OF_KIND[kind], item_id=item)
    if kind == "situation":
        return url_for("pages.specialty", item_id=pg.data(item)["specialty"]) + "#situation"
    if kind == "theme":
        return url_for("pages.heatmap") + "#theme-" + item.split(":", 1)[1]
    if kind == "programme":
        return url_for("pages.overview", programme=item)
    if kind == "role":
        return url_for("pages.person", item_id=pg.data(item)["person"])
    return None


def link(item: str | None, text: str | None = None) -> Markup:
    """Return an escaped link to an element, or its escaped name if it has no page.

    A bare theme key (as synergy reasons give them) links to its theme.
    """
    if not item:
        return Markup("")
    if item not in portfolio() and theme_node(item) in portfolio():
        item = theme_node(item)
    shown = text if text is not None else title_of(item)
    target = url_of(item)
    if target is None:
        return Markup("{}").format(shown)
    return Markup('<a href="{}">{}</a>').format(target, shown)


def status_badge(value: str | None) -> Markup:
    """Return an element status as a coloured label."""
    if not value:
        return Markup("")
    return Markup('<span class="status status-{}">{}</span>').format(value, label(value, current_language()))


def has_endpoint(name: str) -> bool:
    """Return True if the application has a view of this endpoint name (other work may add it)."""
    return name in current_app.view_functions


def current_user_info() -> SimpleNamespace | None:
    """Return the signed-in user (``g.user``, set by sign-in) as username, person, display_name; or None."""
    user = g.get("user")
    if user is None:
        return None
    username = getattr(user, "username", "") or ""
    return SimpleNamespace(
        username=username,
        person=getattr(user, "person", None),
        display_name=getattr(user, "display_name", None) or username,
    )


def lang_switch_url() -> str:
    """Return this page's address in the other language."""
    other = "en" if current_language() == "da" else "da"
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"] + [("lang", other)]
    return request.script_root + request.path + "?" + urlencode(args)


def figure_name(name: str) -> str:
    """Return a situation-picture figure's name in the reader's language."""
    known = FIGURE_NAMES.get(name)
    return str(known) if known is not None else name


@bp.app_context_processor
def page_helpers() -> dict:
    """Template helpers available on every page."""
    nav = [
        ("pages.overview", _("Overview")),
        ("pages.specialties", _("Specialties")),
        ("pages.heatmap", _("Synergies")),
        ("pages.people", _("People")),
        ("pages.explorer", _("Graph explorer")),
        ("pages.search", _("Search")),
        ("pages.me", _("My page")),
    ]
    return {
        "nav_items": nav,
        "current_user_info": current_user_info,
        "has_endpoint": has_endpoint,
        "lang_switch_url": lang_switch_url,
        "revision": portfolio().revision,
        "title": title_of,
        "url": url_of,
        "link": link,
        "status": status_badge,
        "data": lambda item: portfolio().data(item) if item in portfolio() else {},
        "kind_of": lambda item: portfolio().kind(item),
        "figure_name": figure_name,
        "theme_label": lambda key: label(key, current_language()),
        "kind_colour": lambda kind: graphview.KIND_COLOURS.get(kind, "#777777"),
        "severity_label": severity_label,
        "role_label": role_label,
        "ambitions_of": lambda item: sorted(portfolio().ambitions_of(item)),
        "measured_by": lambda item: sorted(portfolio().out(item, "MEASURED_BY")),
        "serving": lambda item: sorted(portfolio().into(item, "SERVES")),
        "specialty_of": lambda item: portfolio().specialty_of(item) if item else None,
    }


def severity_label(severity: str) -> str:
    """Return a health finding's severity in the reader's language."""
    return {"error": _("Error"), "warning": _("Warning"), "info": _("For information")}.get(severity, severity)


def role_label(role: str) -> str:
    """Return a role in a trace (a role key, or ``initiative_owner``) in the reader's language."""
    if role == "initiative_owner":
        return _("Initiative owner")
    return label(role, current_language())


# -- overview -----------------------------------------------------------------------------


def _coverage_json(programme: str | None) -> dict:
    from graph.queries import coverage

    return cached("coverage", programme, lambda: coverage(portfolio(), programme).to_json())


def _findings(specialty: str | None = None) -> list:
    from graph.queries import check

    return cached("check", specialty, lambda: check(portfolio(), specialty))


def _specialty_sites(specialty: str) -> set[str]:
    """Sites where a specialty has a strength position, or that its strength positions work with."""
    pg = portfolio()
    sites: set[str] = set()
    for sp in pg.strength_positions_of(specialty):
        data = pg.data(sp)
        sites.update(data.get("sites", ()))
        sites.update(data.get("partner_sites", ()))
    return sites


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


@bp.route("/")
def overview() -> str:
    """The portfolio overview: coverage matrix, roadmap and orphan initiatives, a page of specialties at a time."""
    pg = portfolio()
    programme = request.args.get("programme") or None
    if programme and pg.kind(programme) != "programme":
        programme = None
    site = request.args.get("site") or None
    phase = request.args.get("phase") or None
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and int(page) > 0 else 1
    key = (current_language(), programme, site, phase, page)
    # The content depends only on the graph and these choices, so it is rendered once per revision.
    body = cached("overview", key, lambda: Markup(_overview_body(programme, site, phase, page)))
    return render_template("overview.html", body=body)


def _overview_body(programme: str | None, site: str | None, phase: str | None, page: int) -> str:
    pg = portfolio()
    cov = _coverage_json(programme)
    rows = cov["specialties"]
    if phase:
        rows = [r for r in rows if r["phase"] == phase]
    if site:
        rows = [r for r in rows if site in _specialty_sites(r["id"])]
    pages = max(1, -(-len(rows) // OVERVIEW_PAGE))
    page = min(page, pages)
    shown_rows = rows[(page - 1) * OVERVIEW_PAGE : page * OVERVIEW_PAGE]
    shown = tuple(r["id"] for r in shown_rows)
    sites = [s for s in pg.ids("site") if programme is None or pg.programme_of(s) == programme]
    chosen = {"site": site, "phase": phase, "programme": programme}
    return render_template(
        "overview_body.html",
        rows=shown_rows,
        total=len(rows),
        finding_counts={sid: len(_findings(sid)) for sid in shown},
        orphans=cov["orphan_initiatives"],
        roadmap=_roadmap(shown),
        sequences=SEQUENCES,
        limit=ROADMAP_LIMIT,
        sites=sites,
        programmes=pg.ids("programme"),
        phases=("preparation", "ambition", "analysis", "implementation", "operation"),
        chosen=chosen,
        page=page,
        pages=pages,
        first=(page - 1) * OVERVIEW_PAGE + 1,
        last=(page - 1) * OVERVIEW_PAGE + len(shown_rows),
        page_url=lambda n: url_for("pages.overview", page=n, **{k: v for k, v in chosen.items() if v}),
    )


@bp.route("/specialties")
def specialties() -> str:
    """Every specialty, by programme, with phase and ambition status."""
    pg = portfolio()
    by_programme: dict[str | None, list[str]] = defaultdict(list)
    for sid in pg.ids("specialty"):
        by_programme[pg.programme_of(sid)].append(sid)
    groups = [(p, sorted(ids, key=lambda s: pg.data(s)["name"].casefold())) for p, ids in by_programme.items()]
    return render_template("specialties.html", groups=groups)


# -- specialty: the strategic ambition document -------------------------------------------


def _site_figures(pg: PortfolioGraph, notes: list[str]) -> dict[str | None, Counter]:
    """Figures of a specialty's situation notes summed per site (None: the whole specialty)."""
    sums: dict[str | None, Counter] = defaultdict(Counter)
    for note in notes:
        data = pg.data(note)
        for name, value in data.get("figures", {}).items():
            sums[data.get("site")][name] += value
    return sums


def _total_figures(pg: PortfolioGraph, notes: list[str]) -> list[tuple[str, float]]:
    """Figures of all a specialty's situation notes summed over its sites, by figure name."""
    total: Counter = Counter()
    for note in notes:
        total.update(pg.data(note).get("figures", {}))
    return sorted(total.items())


def _site_map(pg: PortfolioGraph, specialty: str, notes: list[str]) -> tuple[Markup, list[str]]:
    """The specialty's region map and the sites it cannot place (no coordinates)."""
    programme = pg.programme_of(specialty)
    own = _specialty_sites(specialty)
    sums = _site_figures(pg, notes)
    own |= {s for s in sums if s}
    sites = [s for s in pg.ids("site") if pg.programme_of(s) == programme or s in own]
    drawn, unplaced = [], []
    for sid in sites:
        data = pg.data(sid)
        lines = [f"{figure_name(k)}: {charts.format_number(v)}" for k, v in sorted(sums.get(sid, {}).items())]
        if data.get("lat") is None or data.get("lon") is None:
            if sid in own:
                unplaced.append(sid)
            continue
        drawn.append(
            charts.MapSite(
                sid, data["name"], data.get("lat"), data.get("lon"), data.get("kind") == "acute_hospital",
                url_for("pages.site", item_id=sid), lines, sid in own,
            )
        )
    return charts.site_map(drawn, _("Sites of the region")), unplaced


def _by_site(pg: PortfolioGraph, items: list[str]) -> list[tuple[str | None, list[str]]]:
    """Items grouped by their site, sites first (by name), the whole specialty (None) last."""
    groups: dict[str | None, list[str]] = defaultdict(list)
    for item in items:
        groups[pg.data(item).get("site")].append(item)
    order = sorted((s for s in groups if s), key=lambda s: title_of(s).casefold())
    return [(s, groups[s]) for s in order] + ([(None, groups[None])] if None in groups else [])


def core_team(pg: PortfolioGraph, specialty: str) -> dict:
    """A specialty's core team: owners, members (with their role note) and leads per strength position."""
    members = []
    for person in pg.role_holders(specialty, "core_team"):
        notes = [r.get("note") for r in pg.roles_of(person) if r["role"] == "core_team" and r.get("specialty") == specialty]
        members.append((person, notes[0] if notes else None))
    return {
        "owners": pg.role_holders(specialty, "specialty_owner"),
        "members": members,
        "leads": [(sp, pg.role_holders(sp, "implementation_lead")) for sp in pg.strength_positions_of(specialty)],
    }


@bp.route("/specialty/<item_id>")
def specialty(item_id: str) -> str:
    """A specialty's strategic ambition in the guidance's order, its health findings and core team."""
    pg = portfolio()
    element_of(item_id, "specialty")
    notes = [n for n in pg.into(item_id, "DESCRIBES") if pg.kind(n) == "situation"]
    picture, unplaced = _site_map(pg, item_id, notes)
    ambitions = sorted(pg.ambitions_of(item_id))
    challenges: list[str] = []
    prerequisites: list[str] = []
    for amb in ambitions:
        for item in sorted(pg.into(amb, "BELONGS_TO")):
            (challenges if pg.kind(item) == "challenge" else prerequisites).append(item)
    focus_areas = [fa for amb in ambitions for fa in pg.focus_areas_of(amb)]
    perspectives_order = [p.value for p in Perspective]
    notes.sort(key=lambda n: (perspectives_order.index(pg.data(n)["perspective"]), n))
    return render_template(
        "specialty.html",
        item=item_id,
        spec=pg.data(item_id),
        positions=pg.strength_positions_of(item_id),
        situation=_by_site(pg, notes),
        site_figures=_site_figures(pg, notes),
        totals=_total_figures(pg, notes),
        site_map=picture,
        unplaced=unplaced,
        challenges=_by_site(pg, challenges),
        perspectives=[p.value for p in SUSTAINABILITY_PERSPECTIVES],
        ambitions=ambitions,
        prerequisites=prerequisites,
        focus_areas=focus_areas,
        findings=_findings(item_id),
        team=core_team(pg, item_id),
    )


# -- initiative: the traceability chain ---------------------------------------------------


@bp.route("/initiative/<item_id>")
def initiative(item_id: str) -> str:
    """An initiative's chain up to the ambition, as a list and as an interactive graph."""
    from graph.queries import trace

    pg = portfolio()
    element_of(item_id, "initiative")
    chain = trace(pg, item_id).to_json()
    picture = graphview.build_picture(pg, graphview.trace_nodes(chain), url_of, current_language(), focus=item_id)
    return render_template("initiative.html", item=item_id, chain=chain, picture=picture)


# -- focus area, prerequisite and the other kinds -----------------------------------------


def _chart(indicator: str) -> Markup:
    pg = portfolio()
    data = pg.data(indicator)
    return charts.line_chart(
        data.get("readings", []),
        data.get("baseline"),
        data.get("target"),
        data.get("unit"),
        title=data["name"],
        labels={"baseline": _("Baseline"), "target": _("Target"), "empty": _("No numeric readings yet.")},
    )


@bp.route("/focus-area/<item_id>")
def focus_area(item_id: str) -> str:
    """A focus area: its ambition, initiatives, challenges, prerequisites and indicators with charts."""
    pg = portfolio()
    element_of(item_id, "focus_area")
    indicators = sorted(pg.out(item_id, "MEASURED_BY"))
    return render_template(
        "focus_area.html",
        item=item_id,
        fa=pg.data(item_id),
        specialty=pg.specialty_of(item_id),
        initiatives=sorted(pg.into(item_id, "SERVES")),
        challenges=sorted(pg.out(item_id, "ADDRESSES")),
        prerequisites=sorted(pg.into(item_id, "ENABLES")),
        indicators=[(i, _chart(i)) for i in indicators],
    )


def prerequisite_rows(pg: PortfolioGraph, prerequisite: str, lang: str) -> list[dict]:
    """Every focus area a prerequisite enables and each initiative serving it, as table rows.

    A focus area no initiative serves gives one row with empty initiative fields.
    """
    rows = []
    for fa in sorted(pg.out(prerequisite, "ENABLES")):
        spec = pg.specialty_of(fa)
        base = {
            "prerequisite": prerequisite,
            "focus_area": fa,
            "focus_area_title": pg.data(fa)["title"],
            "specialty": spec or "",
            "specialty_name": pg.data(spec)["name"] if spec else "",
        }
        initiatives = sorted(pg.into(fa, "SERVES"))
        for ini in initiatives or [None]:
            data = pg.data(ini) if ini else {}
            owner = data.get("owner")
            rows.append(
                base
                | {
                    "initiative": ini or "",
                    "initiative_title": data.get("title", ""),
                    "status": label(data["status"], lang) if data.get("status") else "",
                    "owner": pg.data(owner)["name"] if owner and owner in pg else "",
                    "start": data.get("start", ""),
                    "end": data.get("end", ""),
                }
            )
    return rows


ROW_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("specialty_name", _l("Specialty")),
    ("focus_area", _l("Focus area id")),
    ("focus_area_title", _l("Focus area")),
    ("initiative", _l("Initiative id")),
    ("initiative_title", _l("Initiative")),
    ("status", _l("Status")),
    ("owner", _l("Owner")),
    ("start", _l("Start")),
    ("end", _l("End")),
)


@bp.route("/prerequisite/<item_id>")
def prerequisite(item_id: str) -> str:
    """A prerequisite: the focus areas it enables and every initiative serving them, across specialties."""
    pg = portfolio()
    element_of(item_id, "prerequisite")
    return render_template(
        "prerequisite.html",
        item=item_id,
        pre=pg.data(item_id),
        rows=prerequisite_rows(pg, item_id, current_language()),
        columns=ROW_COLUMNS,
    )


def _columns() -> list[tuple[str, str]]:
    return [(key, str(text)) for key, text in ROW_COLUMNS]


@bp.route("/prerequisite/<item_id>/initiatives.csv")
def prerequisite_csv(item_id: str) -> Response:
    """The prerequisite's list of focus areas and initiatives as CSV (semicolon-separated, for Danish Excel)."""
    from importers.tabular import csv_bytes, rows_to_csv

    pg = portfolio()
    element_of(item_id, "prerequisite")
    rows = prerequisite_rows(pg, item_id, current_language())
    return Response(
        csv_bytes(rows_to_csv(rows, _columns())),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{item_id}.csv"'},
    )


@bp.route("/prerequisite/<item_id>/initiatives.xlsx")
def prerequisite_xlsx(item_id: str) -> Response:
    """The prerequisite's list of focus areas and initiatives as an Excel workbook."""
    from importers.tabular import rows_to_xlsx

    pg = portfolio()
    element_of(item_id, "prerequisite")
    rows = prerequisite_rows(pg, item_id, current_language())
    return Response(
        rows_to_xlsx(rows, _columns(), sheet_title=item_id),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{item_id}.xlsx"'},
    )


@bp.route("/ambition/<item_id>")
def ambition(item_id: str) -> str:
    """A strategic ambition: its specialty, prerequisites, challenges and focus areas."""
    pg = portfolio()
    element_of(item_id, "ambition")
    belongs = sorted(pg.into(item_id, "BELONGS_TO"))
    return render_template(
        "ambition.html",
        item=item_id,
        amb=pg.data(item_id),
        challenges=[c for c in belongs if pg.kind(c) == "challenge"],
        prerequisites=[p for p in belongs if pg.kind(p) == "prerequisite"],
        focus_areas=pg.focus_areas_of(item_id),
    )


@bp.route("/challenge/<item_id>")
def challenge(item_id: str) -> str:
    """A core challenge: its perspectives, the focus areas addressing it and their initiatives."""
    pg = portfolio()
    element_of(item_id, "challenge")
    focus_areas = sorted(pg.into(item_id, "ADDRESSES"))
    return render_template(
        "challenge.html",
        item=item_id,
        ch=pg.data(item_id),
        perspectives=[p.value for p in SUSTAINABILITY_PERSPECTIVES],
        focus_areas=[(fa, sorted(pg.into(fa, "SERVES"))) for fa in focus_areas],
        specialty=pg.specialty_of(item_id),
    )


@bp.route("/indicator/<item_id>")
def indicator(item_id: str) -> str:
    """An indicator: its focus area, readings and chart."""
    pg = portfolio()
    element_of(item_id, "indicator")
    data = pg.data(item_id)
    return render_template(
        "indicator.html",
        item=item_id,
        ind=data,
        chart=_chart(item_id),
        specialty=pg.specialty_of(item_id),
        readings=sorted(data.get("readings", []), key=lambda r: r["date"]),
    )


@bp.route("/site/<item_id>")
def site(item_id: str) -> str:
    """A site: strength positions at it or working with it, initiatives, challenges and situation notes there."""
    pg = portfolio()
    element_of(item_id, "site")
    here = pg.into(item_id, "AT")
    return render_template(
        "site.html",
        item=item_id,
        site=pg.data(item_id),
        positions=sorted(s for s in here if pg.kind(s) == "strength_position"),
        partners=sorted(pg.into(item_id, "PARTNERS_WITH")),
        challenges=sorted(c for c in here if pg.kind(c) == "challenge"),
        notes=sorted(n for n in here if pg.kind(n) == "situation"),
        initiatives=sorted(pg.into(item_id, "DELIVERED_AT")),
    )


@bp.route("/strength-position/<item_id>")
def strength_position(item_id: str) -> str:
    """A strength position: its specialty, sites, partner hospitals, leads and initiatives."""
    pg = portfolio()
    element_of(item_id, "strength_position")
    data = pg.data(item_id)
    return render_template(
        "strength_position.html",
        item=item_id,
        sp=data,
        leads=pg.role_holders(item_id, "implementation_lead"),
        initiatives=sorted(pg.into(item_id, "DELIVERED_AT")),
    )


def _roles_view(pg: PortfolioGraph, person: str) -> list[dict]:
    """A person's roles with the id of what each points at."""
    out = []
    for role in pg.roles_of(person):
        target = role.get("specialty") or role.get("strength_position") or role.get("programme")
        out.append({"role": role["role"], "target": target, "note": role.get("note")})
    out.sort(key=lambda r: (r["role"], r["target"]))
    return out


@bp.route("/person/<item_id>")
def person(item_id: str) -> str:
    """A person: roles, and the initiatives they own."""
    pg = portfolio()
    element_of(item_id, "person")
    return render_template(
        "person.html",
        item=item_id,
        who=pg.data(item_id),
        roles=_roles_view(pg, item_id),
        owned=sorted(pg.out(item_id, "OWNS")),
    )


@bp.route("/people")
def people() -> str:
    """Every person with their roles, and every specialty's core team, a page of each at a time."""
    pg = portfolio()
    everyone = cached("people", None, lambda: sorted(pg.ids("person"), key=lambda p: (pg.data(p)["name"].casefold(), p)))
    specialties = cached("specialties_by_name", None, lambda: sorted(pg.ids("specialty"), key=lambda s: (pg.data(s)["name"].casefold(), s)))
    pages = max(1, -(-len(everyone) // PEOPLE_PAGE), -(-len(specialties) // OVERVIEW_PAGE))
    page = request.args.get("page", "1")
    page = min(int(page), pages) if page.isdigit() and int(page) > 0 else 1
    shown_people = everyone[(page - 1) * PEOPLE_PAGE : page * PEOPLE_PAGE]
    shown_teams = specialties[(page - 1) * OVERVIEW_PAGE : page * OVERVIEW_PAGE]
    return render_template(
        "people.html",
        everyone=[(p, _roles_view(pg, p)) for p in shown_people],
        teams=[(s, core_team(pg, s)) for s in shown_teams],
        page=page,
        pages=pages,
    )


def my_initiatives(pg: PortfolioGraph, person: str) -> list[dict]:
    """The initiatives a person owns or that sit at strength positions they lead, with what each serves.

    Each entry: initiative id, why it is listed (``owner``/``lead``), and per focus area its
    ambition and the prerequisites enabling it, with ``all_met`` when each is met or withdrawn.
    """
    found: dict[str, set[str]] = defaultdict(set)
    for ini in pg.out(person, "OWNS"):
        found[ini].add("owner")
    for role in pg.roles_of(person):
        if role["role"] == "implementation_lead":
            for ini in pg.into(role["strength_position"], "DELIVERED_AT"):
                if pg.kind(ini) == "initiative":
                    found[ini].add("lead")
    entries = []
    for ini in sorted(found):
        serves = []
        for fa in pg.data(ini).get("focus_areas", []):
            pres = sorted(pg.into(fa, "ENABLES"))
            serves.append(
                {
                    "focus_area": fa,
                    "ambition": pg.data(fa).get("ambition"),
                    "prerequisites": pres,
                    "all_met": all(pg.data(p).get("status") in SETTLED_PREREQUISITE for p in pres),
                }
            )
        entries.append({"initiative": ini, "why": sorted(found[ini]), "serves": serves})
    return entries


@bp.route("/me")
def me() -> Response | str:
    """ "My work": the signed-in person's initiatives and what they serve."""
    user = current_user_info()
    if user is None:
        if has_endpoint("auth.login"):
            return redirect(url_for("auth.login", next=request.path))
        return render_template("me.html", user=None, person=None, entries=[], roles=[])
    pg = portfolio()
    person_id = user.person if user.person and pg.kind(user.person) == "person" else None
    return render_template(
        "me.html",
        user=user,
        person=person_id,
        entries=my_initiatives(pg, person_id) if person_id else [],
        roles=_roles_view(pg, person_id) if person_id else [],
    )


# -- synergies ----------------------------------------------------------------------------


@bp.route("/specialty/<item_id>/synergies")
def specialty_synergies(item_id: str) -> str:
    """Partner specialties ranked by what they share with this one, with the reasons."""
    from graph.queries import synergies, synergies_json

    pg = portfolio()
    element_of(item_id, "specialty")
    found = cached("synergies", item_id, lambda: synergies_json(synergies(pg, item_id)))
    return render_template("synergies.html", item=item_id, found=found["synergies"], shown=SYNERGIES_SHOWN, ids_shown=REASON_IDS_SHOWN)


def _heatmap(programme: str | None) -> dict:
    from graph.queries import theme_heatmap

    return theme_heatmap(portfolio(), programme)


@bp.route("/synergies")
def heatmap() -> str:
    """The theme-by-specialty heat map of the whole programme (or of ``?programme=``)."""
    pg = portfolio()
    programme = request.args.get("programme") or None
    if programme and pg.kind(programme) != "programme":
        programme = None
    key = (current_language(), programme)
    body = cached("heatmap_html", key, lambda: Markup(_heatmap_body(programme)))
    return render_template("heatmap.html", body=body)


def _heatmap_body(programme: str | None) -> str:
    table = _heatmap(programme)
    rows = [(row["id"], row["counts"]) for row in table["specialties"]]
    peak = max((v for _, counts in rows for v in counts.values()), default=0)
    return render_template(
        "heatmap_body.html",
        rows=rows,
        themes=list(THEMES),
        theme_perspective={k: v[0].value for k, v in THEMES.items()},
        peak=peak,
        specialties=[sid for sid, _ in rows],
    )


def heat_level(value: int, peak: int) -> int:
    """Return the colour step 0-4 of a heat-map cell."""
    if value <= 0 or peak <= 0:
        return 0
    return min(4, 1 + (3 * value) // peak)


bp.add_app_template_global(heat_level)


# -- explorer and search ------------------------------------------------------------------


@bp.route("/explorer")
def explorer() -> str:
    """The graph of one specialty or the programme, coloured and filterable by kind, capped in size."""
    pg = portfolio()
    chosen = request.args.get("specialty") or None
    if chosen and pg.kind(chosen) != "specialty":
        abort(404)
    asked = [k for v in request.args.getlist("kinds") for k in v.split(",") if k]
    kinds = [k for k in graphview.EXPLORER_KINDS if k in asked] or list(graphview.DEFAULT_EXPLORER_KINDS)
    if chosen:
        nodes = graphview.specialty_nodes(pg, chosen, kinds)
        total = len(nodes)
    else:
        nodes, total = graphview.programme_nodes(pg, kinds, graphview.NODE_LIMIT)
    picture = graphview.build_picture(pg, nodes, url_of, current_language(), focus=chosen, limit=graphview.NODE_LIMIT)
    picture.total = total
    picture.truncated = total > graphview.NODE_LIMIT
    return render_template(
        "explorer.html",
        chosen=chosen,
        kinds=kinds,
        all_kinds=graphview.EXPLORER_KINDS,
        colours=graphview.KIND_COLOURS,
        specialties=sorted(pg.ids("specialty"), key=lambda s: pg.data(s)["name"].casefold()),
        picture=picture,
        limit=graphview.NODE_LIMIT,
    )


def search_index(pg: PortfolioGraph) -> dict[str, list[tuple[str, str]]]:
    """Return, per kind, every element's ``(folded text, id)``: name, title, statement or text and id, case-folded."""
    index: dict[str, list[tuple[str, str]]] = {}
    for kind in KIND_ORDER:
        rows = []
        for rec in pg.records(kind):
            data = rec.data
            text = str(data.get("name") or data.get("title") or data.get("statement") or data.get("text") or "")
            rows.append((text.casefold(), rec.id))
        index[kind] = rows
    return index


def search_elements(
    pg: PortfolioGraph, query: str, limit: int = SEARCH_LIMIT, index: dict | None = None
) -> list[tuple[str, list[str], int]]:
    """Return ``(kind, ids, total)`` for elements whose title, name or id holds ``query``, ignoring case.

    Kinds come in KIND_ORDER; at most ``limit`` ids per kind, best first (titles starting with
    the query, then by title). ``index`` is a ``search_index`` to reuse.
    """
    needle = query.casefold().strip()
    if not needle:
        return []
    index = index if index is not None else search_index(pg)
    groups = []
    for kind in KIND_ORDER:
        hits = [
            (not folded.startswith(needle), folded, item)
            for folded, item in index.get(kind, ())
            if needle in folded or needle in item.casefold()
        ]
        if hits:
            hits.sort()
            groups.append((kind, [h[2] for h in hits[:limit]], len(hits)))
    return groups


@bp.route("/search")
def search() -> str:
    """Elements whose title or name holds the query, grouped by kind."""
    query = request.args.get("q", "")
    groups = []
    if query.strip():
        pg = portfolio()
        groups = search_elements(pg, query, index=cached("search_index", None, lambda: search_index(pg)))
    return render_template("search.html", query=query, groups=groups)


# -- vendored graph library ---------------------------------------------------------------


@bp.route("/static/vendor/<name>")
def vendor(name: str) -> Response:
    """vis-network, served from the installed pyvis package (not copied into this repository)."""
    path = graphview.vis_asset(name)
    if path is None:
        abort(404)
    mimetype = "text/javascript" if name.endswith(".js") else "text/css"
    return send_file(path, mimetype=mimetype, max_age=86400)


# -- errors -------------------------------------------------------------------------------

ERROR_CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    500: "internal_error",
    503: "store_unavailable",
}


def error_message(status: int) -> str:
    """Return a short explanation of an HTTP error in the reader's language."""
    messages = {
        400: _("The request could not be understood."),
        401: _("Please sign in first."),
        403: _("You do not have access to this."),
        404: _("We could not find that page or element."),
        405: _("That method is not allowed here."),
        409: _("Someone else changed this in the meantime."),
        413: _("The upload is too large."),
        500: _("Something went wrong on our side. Please try again."),
        503: _("The portfolio store cannot be reached right now. Please try again in a moment."),
    }
    return messages.get(status, _("Something went wrong."))


def is_api_request() -> bool:
    """Return True if the request is for the JSON API (which never answers with an HTML page)."""
    return request.path.startswith("/api/")


def error_response(status: int, message: str | None = None) -> tuple[Response | str, int]:
    """Return the JSON (API) or HTML (pages) answer for an error status."""
    text = message or error_message(status)
    if is_api_request():
        return jsonify({"error": {"code": ERROR_CODES.get(status, "error"), "message": text}}), status
    return render_template("error.html", status=status, message=text), status


@bp.app_errorhandler(HTTPException)
def http_error(exc: HTTPException):
    """Answer an HTTP error in the layout (pages) or as JSON (API)."""
    if exc.code is None or exc.code < 400:
        return exc
    custom = exc.description if exc.description and exc.description != type(exc).description else None
    return error_response(exc.code, custom)


@bp.app_errorhandler(StoreError)
def store_unavailable(exc: StoreError):
    """The store (a Bolt server, say) is down or busy: say so, log the details, show no traceback."""
    current_app.logger.warning("store error: %s", exc)
    g.portfolio = current_app.extensions["portfolio"].graph  # the page layout shows the last graph it had
    return error_response(503)


@bp.app_errorhandler(500)
def server_error(exc: Exception):
    """Answer an unexpected error without showing its details."""
    return error_response(500)


@bp.app_template_filter("num")
def number_filter(value: object) -> str:
    """Return a number without a trailing ``.0`` (``90.0`` -> ``90``); other values as text."""
    number = charts.as_number(value) if isinstance(value, int | float) else None
    return charts.format_number(number) if number is not None else ("" if value is None else str(value))
