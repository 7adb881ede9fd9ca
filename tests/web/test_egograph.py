"""The explorer's ego graph around one element: steps, clusters beyond, server layout, and SVG downloads."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from graph.examples import example_graph
from web import egograph


def _picture(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1))


def test_one_step_shows_the_neighbours_and_clusters_what_lies_beyond(client):
    page = client.get("/explorer?focus=geri-fa1&depth=1").get_data(as_text=True)
    data = _picture(page)
    nodes = {n["id"]: n for n in data["nodes"]}
    elements = sorted(i for i in nodes if not i.startswith("cluster:"))
    assert elements == [
        "geri-amb", "geri-ch1", "geri-fa1", "geri-i1", "geri-ind1", "geri-pre1", "geri-pre2", "reum-i1",
        "theme:recruitment_retention", "theme:strong_environments",
    ]
    assert (nodes["geri-fa1"]["x"], nodes["geri-fa1"]["y"]) == (0.0, 0.0)  # the chosen element in the middle
    assert data["options"]["physics"] is False  # laid out on the server: the browser only draws
    assert nodes["cluster:geri-i1:person"]["label"] == "+1 person"
    assert nodes["cluster:geri-i1:person"]["url"] == "/explorer?focus=geri-i1&depth=1"
    assert 'href="/explorer.svg?focus=geri-fa1&amp;depth=1"' in page
    assert "Skridt fra elementet" in page


def test_two_steps_reach_the_specialty_and_an_unknown_element_is_404(client):
    two = {n["id"] for n in _picture(client.get("/explorer?focus=geri-fa1&depth=2").get_data(as_text=True))["nodes"]}
    assert {"geri", "eva", "geri-fa2"} <= two
    assert client.get("/explorer?focus=nope").status_code == 404
    assert client.get("/explorer?focus=geri-fa1&depth=x").status_code == 200  # a bad depth is one step


def test_past_the_size_cap_the_rest_of_a_step_is_clustered():
    ego = egograph.ego_graph(example_graph(), "geri-fa1", 2, limit=3)
    elements = [n for n in ego.nodes if not n.cluster]
    assert len(elements) == 3
    assert sum(n.count for n in ego.nodes if n.cluster and n.depth == 1) == len(
        {v for v, _r in example_graph().links_out("geri-fa1")} | {u for u, _r in example_graph().links_in("geri-fa1")}
    ) - 2


def test_the_explorer_and_the_trace_download_as_svg(client):
    resp = client.get("/explorer.svg?focus=geri-fa1&depth=1")
    assert resp.status_code == 200 and resp.mimetype == "image/svg+xml"
    assert resp.headers["Content-Disposition"] == 'attachment; filename="geri-fa1-1.svg"'
    svg = ET.fromstring(resp.get_data())
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "Robuste faglige miljøer" in texts and "Fælles undervisning" in texts
    trace = client.get("/initiative/geri-i1/trace.svg")
    assert trace.status_code == 200
    svg = ET.fromstring(trace.get_data())
    titles = sorted(c.find("{http://www.w3.org/2000/svg}title").text for c in svg.iter("{http://www.w3.org/2000/svg}circle"))
    assert "geri-i1" in titles and "geri-fa1" in titles and "geri-amb" in titles
    assert client.get("/initiative/nope/trace.svg").status_code == 404
    assert client.get("/explorer.svg").status_code == 404


def test_the_initiative_page_and_a_specialty_picture_lead_to_the_ego_graph(client):
    page = client.get("/initiative/geri-i1").get_data(as_text=True)
    assert 'href="/initiative/geri-i1/trace.svg"' in page
    assert 'href="/explorer?focus=geri-i1&amp;depth=2">Vis omgivelserne i grafudforskeren</a>' in page
    page = client.get("/explorer?specialty=geri").get_data(as_text=True)
    assert 'href="/explorer?focus=geri&amp;depth=2"' in page
