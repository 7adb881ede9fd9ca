"""Synergies: per specialty the concrete pairs of similar work in other specialties (grouped, paged,
weak ones folded away) and the partner specialties with their reasons; the theme-by-specialty heat
map; and the "Andre arbejder med det samme" section of every initiative, focus area and challenge."""
from __future__ import annotations

from typing import Any

from flask import abort, g, render_template, request
from markupsafe import Markup

from graph.queries import theme_heatmap
from graph.queries.similar import cross_links, links_of, pairs_of_specialty, similar
from graph.queries.similarity_index import BACKGROUND_FROM, compared_count, index_of, ready, warm
from graph.queries.synergies import top_synergies_scored
from graph.vocabulary import THEMES
from web import rights
from web.i18n import current_language
from web.navigation import element_of
from web.state import PAIRS, PAIRS_HTML, PARTNERS, PARTNERS_HTML, SIMILAR, cached, portfolio, reusable
from web.views import bp
from web.views.common import chosen_programme

#: Partner specialties a synergy page shows, and shared elements linked per reason.
SYNERGIES_SHOWN = 12
REASON_IDS_SHOWN = 12
#: Other specialties per page of pairs, and strong pairs shown per specialty before "vis flere".
GROUPS_PER_PAGE = 8
PAIRS_SHOWN = 4
#: Specialties (columns) per page of the heat map.
HEATMAP_COLUMNS = 40
#: Kinds with a "similar work" section.
SIMILAR_KINDS = ("initiative", "focus_area", "challenge")


def _pairs(item_id: str) -> list[dict[str, Any]]:
    # Scoped to the specialty (graph.cache.page.PageCache.forget_moved says which writes move it), and
    # keyed by the index's last full build: a full build moves every score a little.
    key = (item_id, _generation())
    return cached(PAIRS, key, lambda: pairs_of_specialty(portfolio(), item_id, reuse=reusable(PAIRS, key)),
                  specialty=item_id)


def _page() -> int:
    return max(1, request.args.get("page", 1, type=int) or 1)


@bp.route("/specialty/<item_id>/synergies")
def specialty_synergies(item_id: str) -> str:
    """Similar work pair by pair, grouped by the other specialty (``?with=`` one of them, ``?theme=``
    pairs sharing a theme, ``?page=``), then the partner specialties ranked with their reasons."""
    element_of(item_id, "specialty")
    groups = _pairs(item_id)
    other, theme = request.args.get("with") or None, request.args.get("theme") or None
    if other is not None:
        element_of(other, "specialty")
        groups = [g for g in groups if g["specialty"] == other] or [{"specialty": other, "name": other, "score": 0, "pairs": []}]
    if theme is not None:
        if theme not in THEMES:
            abort(404)
        groups = _sharing_theme(groups, theme)
    page = _page()
    pages = max(1, -(-len(groups) // GROUPS_PER_PAGE))
    shown_groups = groups[(page - 1) * GROUPS_PER_PAGE: page * GROUPS_PER_PAGE]
    found, total, _scores = cached(PARTNERS, item_id, lambda: _partners(item_id), specialty=item_id)
    # The sections are kept rendered beside their answers (and forgotten with them, web.state):
    # a page of a large programme draws hundreds of links, which costs more than finding them.
    lang = current_language()
    pairs_html = cached(PAIRS_HTML, (item_id, _generation(), lang, other, theme, page), lambda: Markup(render_template(
        "_synergy_pairs.html", item=item_id, groups=shown_groups, page=page, pages=pages, other=other, theme=theme,
        pairs_shown=None if other else PAIRS_SHOWN)), specialty=item_id)
    partners_html = cached(PARTNERS_HTML, (item_id, lang), lambda: Markup(render_template(
        "_synergy_partners.html", item=item_id, found=found, total=total, shown=SYNERGIES_SHOWN,
        ids_shown=REASON_IDS_SHOWN)), specialty=item_id)
    return render_template("synergies.html", item=item_id, pairs_html=pairs_html, partners_html=partners_html)


def _generation() -> int:
    """The revision of the similarity index's last full build (a full build moves every score a little)."""
    return index_of(portfolio()).full_revision


def _partners(item_id: str) -> tuple[list[dict[str, Any]], int, dict[str, int]]:
    """The partner specialties shown (with their reasons), how many there are in all, and every
    partner's score (what graph.cache.page.PageCache.forget_partners compares after a write)."""
    top, total, scores = top_synergies_scored(portfolio(), item_id, SYNERGIES_SHOWN)
    return [s.to_json() for s in top], total, scores


def _sharing_theme(groups: list[dict[str, Any]], theme: str) -> list[dict[str, Any]]:
    kept = []
    for group in groups:
        pairs = [p for p in group["pairs"] if any(r["kind"] == "theme" and theme in r["ids"] for r in p["reasons"])]
        if pairs:
            kept.append(dict(group, pairs=pairs))
    return kept


@bp.route("/synergies")
def heatmap() -> str:
    """The theme-by-specialty heat map of the whole programme (or of ``?programme=``); ``?q=`` filters
    specialties by name, ``?page=`` pages the columns."""
    programme = chosen_programme()
    query = (request.args.get("q") or "").strip()
    key = (current_language(), programme, query.lower(), _page())
    body = cached("heatmap_html", key, lambda: Markup(_heatmap_body(programme, query, _page())))
    return render_template("heatmap.html", body=body)


def _heatmap_body(programme: str | None, query: str, page: int) -> str:
    table = theme_heatmap(portfolio(), programme)
    rows = [(row["id"], row["counts"]) for row in table["specialties"] if query.lower() in row["name"].lower()]
    pages = max(1, -(-len(rows) // HEATMAP_COLUMNS))
    page = min(page, pages)
    shown = rows[(page - 1) * HEATMAP_COLUMNS: page * HEATMAP_COLUMNS]
    peak = max((v for _, counts in rows for v in counts.values()), default=0)
    return render_template(
        "heatmap_body.html",
        rows=shown,
        themes=list(THEMES),
        theme_perspective={k: v[0].value for k, v in THEMES.items()},
        peak=peak,
        specialties=[sid for sid, _ in rows],
        query=query,
        page=page,
        pages=pages,
        programme=programme,
    )


# -- the "similar work" section of element pages ------------------------------------------------


def similar_section(item: str) -> dict[str, Any]:
    """What the section shows for one element: its matches (JSON), the links people made, and
    whether the signed-in user may mark pairs (links need rights on one side)."""
    pg = portfolio()
    if pg.kind(item) not in SIMILAR_KINDS:
        return {"matches": [], "may_link": False}
    if compared_count(pg) >= BACKGROUND_FROM and not ready(pg):
        warm(pg)  # the first index of a large portfolio takes seconds: the page does not wait for it
        return {"matches": [], "pending": True, "may_link": {}, "may_dismiss": False, "links": links_of(pg, item)}
    generation = index_of(pg).full_revision
    matches = cached(SIMILAR, (item, generation), lambda: [m.to_json() for m in similar(pg, item)],
                     specialty=pg.specialty_of(item))
    user = g.get("user")
    return {
        "matches": matches,
        "may_link": {m["target"]: rights.can_link(user, pg, item, m["target"]) for m in matches},
        "may_dismiss": rights.can_link(user, pg, item, item),
        "links": links_of(pg, item),
    }


@bp.app_context_processor
def _similar_helpers() -> dict[str, Any]:
    return {
        "similar_section": similar_section,
        "joint_efforts": lambda programme=None: cross_links(portfolio(), "joint", programme),
    }
