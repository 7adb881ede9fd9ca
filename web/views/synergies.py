"""Synergies: partner specialties of one specialty with the reasons, and the theme-by-specialty heat map."""
from __future__ import annotations

from flask import render_template
from markupsafe import Markup

from graph.queries import synergies, synergies_json, theme_heatmap
from graph.vocabulary import THEMES
from web.i18n import current_language
from web.navigation import element_of
from web.state import cached, portfolio
from web.views import bp
from web.views.common import chosen_programme

#: Partner specialties a synergy page shows, and shared elements linked per reason.
SYNERGIES_SHOWN = 50
REASON_IDS_SHOWN = 12


@bp.route("/specialty/<item_id>/synergies")
def specialty_synergies(item_id: str) -> str:
    """Partner specialties ranked by what they share with this one, with the reasons."""
    element_of(item_id, "specialty")
    found = cached("synergies", item_id, lambda: synergies_json(synergies(portfolio(), item_id)))
    return render_template("synergies.html", item=item_id, found=found["synergies"], shown=SYNERGIES_SHOWN, ids_shown=REASON_IDS_SHOWN)


@bp.route("/synergies")
def heatmap() -> str:
    """The theme-by-specialty heat map of the whole programme (or of ``?programme=``)."""
    programme = chosen_programme()
    key = (current_language(), programme)
    body = cached("heatmap_html", key, lambda: Markup(_heatmap_body(programme)))
    return render_template("heatmap.html", body=body)


def _heatmap_body(programme: str | None) -> str:
    table = theme_heatmap(portfolio(), programme)
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

