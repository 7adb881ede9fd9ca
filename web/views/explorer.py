"""The graph explorer (one specialty or the programme as a picture) and the vis-network files it draws with."""
from __future__ import annotations

from flask import Response, abort, render_template, request, send_file

from web import graphview
from web.i18n import current_language
from web.navigation import url_of
from web.state import portfolio
from web.views import bp
from web.views.common import by_name


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
        specialties=by_name(pg.ids("specialty")),
        picture=picture,
        limit=graphview.NODE_LIMIT,
    )


@bp.route("/static/vendor/<name>")
def vendor(name: str) -> Response:
    """vis-network, served from the installed pyvis package (not copied into this repository)."""
    path = graphview.vis_asset(name)
    if path is None:
        abort(404)
    mimetype = "text/javascript" if name.endswith(".js") else "text/css"
    return send_file(path, mimetype=mimetype, max_age=86400)

