"""Writing the ambition in the browser: add links, pre-filled forms, readable ids, input kept on
every refusal, confirmations shown once, the health checks of the element, reasons and support offers."""
from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

from graph.portfolio import PortfolioGraph
from web.editing import forms


def stored(app, item: str):
    return app.extensions["portfolio"].store.get([item]).get(item)


def field_errors(page: str) -> list[str]:
    return re.findall(r'class="error field-error" id="([^"]+)-error" role="alert">([^<]*)<', page)


# -- readable ids --------------------------------------------------------------------------------


def test_slugs_spell_danish_letters_out_and_drop_the_rest():
    assert forms.slug("Færre akutte genindlæggelser på Næstved") == "faerre-akutte-genindlaeggelser-paa-naestved"
    assert forms.slug("Øget trivsel & rekruttering!") == "oeget-trivsel-rekruttering"
    assert forms.slug("ÆBLE Å Ø") == "aeble-aa-oe"
    assert forms.slug("»«") == "item"


def test_new_ids_get_a_number_on_collision(small_graph: PortfolioGraph):
    assert forms.new_id(small_graph, "focus_area", {"title": "Løs idé"}) == "loes-ide"
    taken = PortfolioGraph(list(small_graph.records()) if hasattr(small_graph, "records") else [])
    assert forms.new_id(small_graph, "site", {"name": "Holb"}) == "holb-2"
