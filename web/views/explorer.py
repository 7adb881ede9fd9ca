"""The graph explorer (one specialty or the programme as a picture) and the vis-network files it draws with."""
from __future__ import annotations

from flask import Response, abort, render_template, request, send_file, url_for

from graph.queries import NotFound, trace
from web import egograph, graphview
from web.i18n import current_language
from web.navigation import url_of
from web.state import cached, portfolio
from web.views import bp
from web.views.common import by_name


def _depth() -> int:
    raw = request.args.get("depth", "1")
    return max(1, min(int(raw), egograph.MAX_DEPTH)) if raw.isdigit() else 1


def _ego(focus: str, depth: int) -> egograph.Ego:
    """The laid-out ego graph, computed once per revision (and language) for each element and depth."""
    lang = current_language()
    return cached("ego", (focus, depth, lang), lambda: egograph.ego_graph(portfolio(), focus, depth, lang))


def _focus() -> str | None:
    focus = (request.args.get("focus") or "").strip() or None
    if focus is not None and (focus not in portfolio() or portfolio().kind(focus) == "role"):
        abort(404)
    return focus


@bp.route("/explorer")
def explorer() -> str:
    """The graph of one specialty or the programme, coloured and filterable by kind, capped in size;
    with ``?focus=ID&depth=N`` the ego graph around one element, laid out on the server."""
    pg = portfolio()
    focus = _focus()
    if focus is not None:
        depth = _depth()
        ego = _ego(focus, depth)
        picture = egograph.to_picture(
            pg, ego, url_of, lambda parent: url_for("pages.explorer", focus=parent, depth=depth), current_language()
        )
        return render_template(
            "explorer.html",
            chosen=None,
            focus=focus,
            depth=depth,
            depths=range(1, egograph.MAX_DEPTH + 1),
            kinds=[],
            all_kinds=graphview.EXPLORER_KINDS,
            colours=graphview.KIND_COLOURS,
            specialties=by_name(pg.ids("specialty")),
            picture=picture,
            limit=egograph.EGO_LIMIT,
        )
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
        focus=None,
        depth=1,
        depths=range(1, egograph.MAX_DEPTH + 1),
    )


def _svg(text: str, name: str) -> Response:
    return Response(text, mimetype="image/svg+xml", headers={"Content-Disposition": f'attachment; filename="{name}.svg"'})


@bp.route("/explorer.svg")
def explorer_svg() -> Response:
    """The explorer's ego graph as an SVG file, for slides."""
    focus = _focus()
    if focus is None:
        abort(404)
    depth = _depth()
    return _svg(egograph.to_svg(_ego(focus, depth), portfolio().display_title(focus)), f"{focus}-{depth}")


@bp.route("/initiative/<item_id>/trace.svg")
def trace_svg(item_id: str) -> Response:
    """An initiative's traceability chain as an SVG file, for slides."""
    pg = portfolio()
    try:
        members = graphview.trace_nodes(trace(pg, item_id).to_json())
    except NotFound:
        abort(404)
    ego = egograph.chosen_ego(pg, item_id, members, current_language())
    return _svg(egograph.to_svg(ego, pg.display_title(item_id)), f"{item_id}-trace")


@bp.route("/static/vendor/<name>")
def vendor(name: str) -> Response:
    """vis-network, served from the installed pyvis package (not copied into this repository)."""
    path = graphview.vis_asset(name)
    if path is None:
        abort(404)
    mimetype = "text/javascript" if name.endswith(".js") else "text/css"
    return send_file(path, mimetype=mimetype, max_age=86400)

