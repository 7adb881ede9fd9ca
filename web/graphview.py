"""Graph pictures: vis.js network data made with pyvis, for the app's own templates.

pyvis builds the node, edge and option structures; the page template draws them with
vis-network, which the app serves from the installed pyvis package (``vis_asset``). Tooltips are
HTML in vis.js, so every piece of user text in them is escaped here.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from graph.portfolio import PortfolioGraph, theme_node
from graph.relations import Relation
from graph.schema import ROLE_RELATION
from graph.vocabulary import THEMES, kind_label, label

#: Colour of each element kind in every picture (legend and nodes agree).
KIND_COLOURS: dict[str, str] = {
    "programme": "#455a64",
    "site": "#8d6e63",
    "specialty": "#12344d",
    "strength_position": "#6d4c9f",
    "person": "#00897b",
    "ambition": "#0b5c8e",
    "situation": "#90a4ae",
    "challenge": "#c62828",
    "prerequisite": "#ef6c00",
    "focus_area": "#2e7d32",
    "indicator": "#9e9d24",
    "initiative": "#1565c0",
    "theme": "#ad1457",
}

#: Kinds the explorer offers, in the order of the guidance.
EXPLORER_KINDS: tuple[str, ...] = (
    "specialty",
    "ambition",
    "challenge",
    "prerequisite",
    "focus_area",
    "indicator",
    "initiative",
    "strength_position",
    "site",
    "person",
    "theme",
)
DEFAULT_EXPLORER_KINDS: tuple[str, ...] = ("specialty", "ambition", "challenge", "prerequisite", "focus_area", "initiative")
#: Most nodes a picture shows; bigger graphs are cut with a message.
NODE_LIMIT = 250
#: The relations of roles (a person holds a role towards the element the edge points at).
ROLE_RELATIONS = frozenset(ROLE_RELATION.values())
_ASSETS = {"vis-network.min.js", "vis-network.css"}


def vis_asset(name: str) -> Path | None:
    """Return the path of a vis-network file inside the installed pyvis package, or None if unknown."""
    if name not in _ASSETS:
        return None
    # Found without importing pyvis: its import (IPython, jinja loaders) costs a server start 0.2 s.
    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "lib"
    candidates = sorted(folder.glob(f"vis-*/{name}"))
    return candidates[-1] if candidates else None


def element_text(pg: PortfolioGraph, item: str, lang: str = "da", limit: int = sys.maxsize) -> str:
    """Return what a person reads as an element's name: a theme's label, else ``pg.display_title``."""
    if pg.kind(item) == "theme":
        return label(item.split(":", 1)[1], lang)
    return pg.display_title(item, limit=limit)


@dataclass
class Picture:
    """A network ready for the template: vis.js nodes, edges, options, and whether it was cut."""

    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    options: dict = field(default_factory=dict)
    truncated: bool = False
    total: int = 0
    kinds: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """Return ``{"nodes", "edges", "options"}`` for vis.js."""
        return {"nodes": self.nodes, "edges": self.edges, "options": self.options}


def _tooltip(pg: PortfolioGraph, item: str, lang: str) -> str:
    """Return the escaped HTML tooltip of a node: kind, name and a status where there is one."""
    kind = pg.kind(item) or ""
    lines = [f"<b>{escape(kind_label(kind, lang))}</b>", escape(element_text(pg, item, lang))]
    data = pg.data(item) if kind != "theme" else {}
    for key in ("status", "sequence", "phase"):
        if data.get(key):
            lines.append(escape(label(str(data[key]), lang)))
    lines.append(f"<i>{escape(item)}</i>")
    return "<br>".join(lines)


def _short(text: str, size: int = 36) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def build_picture(
    pg: PortfolioGraph,
    nodes: Iterable[str],
    url_of: Callable[[str], str | None],
    lang: str = "da",
    focus: str | None = None,
    limit: int = NODE_LIMIT,
) -> Picture:
    """Return the picture of ``nodes`` (at most ``limit``) and every edge between them.

    Node labels are plain text (vis.js draws them on a canvas); tooltips are escaped HTML;
    ``url_of`` gives the page a click on a node opens. ``focus`` is drawn larger.
    """
    wanted = list(dict.fromkeys(n for n in nodes if n in pg and pg.kind(n) != "role"))
    picture = Picture(total=len(wanted), truncated=len(wanted) > limit)
    shown = wanted[:limit]
    chosen = set(shown)
    from pyvis.network import Network  # only when a picture is drawn (see vis_asset)

    net = Network(directed=True, cdn_resources="local")
    for item in shown:
        kind = pg.kind(item) or ""
        name = element_text(pg, item, lang)
        net.add_node(
            item,
            label=_short(name),
            title=_tooltip(pg, item, lang),
            color=KIND_COLOURS.get(kind, "#777777"),
            shape="dot",
            size=22 if item == focus else 12,
            kind=kind,  # not pyvis's group: a group makes it drop the colour
            url=url_of(item) or "",
        )
    for item in shown:
        for target, relation in pg.links_out(item):
            if target in chosen:
                net.add_edge(item, target, title=escape(relation), arrows="to")
    net.set_options(json.dumps(_OPTIONS))
    nodes_data, edges_data, _heading, _height, _width, options = net.get_network_data()
    picture.nodes = nodes_data
    picture.edges = edges_data
    picture.options = json.loads(options) if isinstance(options, str) else options
    picture.kinds = sorted({pg.kind(n) or "" for n in shown}, key=lambda k: list(KIND_COLOURS).index(k) if k in KIND_COLOURS else 99)
    return picture


_OPTIONS = {
    "nodes": {"font": {"size": 13, "face": "system-ui, sans-serif"}},
    "edges": {"color": {"color": "#9aa5ad"}, "smooth": False, "font": {"size": 10}},
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": True},
    "physics": {
        "solver": "barnesHut",
        "barnesHut": {"gravitationalConstant": -6000, "springLength": 140, "damping": 0.3},
        "stabilization": {"iterations": 200},
    },
}


def trace_nodes(trace: dict) -> list[str]:
    """Return the element ids of a trace (``Trace.to_json()``), the initiative first."""
    ids = [trace["initiative"]["id"]]
    for key in ("focus_areas", "ambitions", "specialties", "prerequisites", "challenges", "indicators", "people"):
        ids.extend(item["id"] for item in trace.get(key, ()))
    for key in ("strength_position", "site"):
        if trace.get(key):
            ids.append(trace[key]["id"])
    return ids


def specialty_nodes(pg: PortfolioGraph, specialty: str, kinds: Iterable[str]) -> list[str]:
    """Return a specialty's elements of the given kinds, walking only its own neighbourhood."""
    kinds = set(kinds)
    found: list[str] = [specialty]
    ambitions = pg.ambitions_of(specialty)
    positions = pg.strength_positions_of(specialty)
    found += ambitions + positions
    focus_areas: list[str] = []
    for amb in ambitions:
        found += pg.challenges_of(amb) + pg.prerequisites_of(amb)
        fas = pg.into(amb, Relation.PART_OF)
        focus_areas += fas
    found += focus_areas
    for fa in focus_areas:
        found += pg.out(fa, Relation.MEASURED_BY)
        found += pg.into(fa, Relation.SERVES)
        found += pg.out(fa, Relation.TAGGED)
    for sp in positions:
        found += pg.out(sp, Relation.AT) + pg.out(sp, Relation.PARTNERS_WITH)
    people: list[str] = []
    for target in [specialty, *positions]:
        people += sorted(source for source, relation in pg.links_in(target) if relation in ROLE_RELATIONS)
    found += people
    return [n for n in dict.fromkeys(found) if pg.kind(n) in kinds]


def programme_nodes(pg: PortfolioGraph, kinds: Iterable[str], limit: int = NODE_LIMIT) -> tuple[list[str], int]:
    """Return up to ``limit + 1`` elements of the given kinds across the programme, and how many there are."""
    found: list[str] = []
    total = 0
    for kind in kinds:
        ids = [theme_node(key) for key in THEMES] if kind == "theme" else None
        total += len(ids) if ids is not None else pg.count(kind)
        if len(found) <= limit:
            ids = ids if ids is not None else pg.ids(kind)
            found += ids[: limit + 1 - len(found)]
    return found, total
