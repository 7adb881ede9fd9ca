"""Search: elements whose title, name or id holds the query, grouped by kind."""
from __future__ import annotations

from flask import render_template, request

from graph.queries.search import search_elements, search_index
from web.state import cached, portfolio
from web.views import bp


@bp.route("/search")
def search() -> str:
    """Elements whose title or name holds the query, grouped by kind."""
    query = request.args.get("q", "")
    groups = []
    if query.strip():
        pg = portfolio()
        groups = search_elements(pg, query, index=cached("search_index", None, lambda: search_index(pg)))
    return render_template("search.html", query=query, groups=groups)
