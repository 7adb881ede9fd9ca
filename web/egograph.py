"""The explorer's ego graph: the elements within ``depth`` steps of one element, clusters beyond, laid out here.

At 20,000-100,000 elements a picture of a specialty or the programme is hundreds of unlabelled
dots that the browser spends seconds arranging. An ego graph stays small and readable: the
chosen element in the middle, each further step on a wider ring with every element placed near
the one it was reached from, and what lies beyond the last step (or beyond the size cap) drawn
as one cluster per element and kind ("+12 initiatives") that opens the explorer around that element.
The layout is computed on the server (pure Python, a few milliseconds), so the browser only draws:
physics off. The same layout gives the SVG for slides (``to_svg``).
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from graph.portfolio import PortfolioGraph
from graph.vocabulary import kind_label
from web.graphview import KIND_COLOURS, Picture, _tooltip, element_text

#: Most elements drawn (clusters come on top); the rest of a step goes into clusters.
EGO_LIMIT = 40
MAX_DEPTH = 3
#: Most elements shown next to one element on the following ring: a hub (the programme, a theme)
#: would otherwise fill the picture with its hundreds of neighbours; the rest of them go into clusters.
PER_PARENT = 4
#: Most cluster boxes on one ring; past it, the clusters of a ring are merged per kind.
CLUSTER_LIMIT = 24
#: Pixels between neighbours on a ring and between rings: room for a label of ~28 characters.
SPACING = 120
RING = 300
LABEL = 28


@dataclass
class EgoNode:
    """An element (or a cluster of the ``count`` elements of ``kind`` next to ``parent``) and its place."""

    id: str
    kind: str
    label: str
    depth: int
    parent: str | None
    x: float = 0.0
    y: float = 0.0
    count: int = 0  # a cluster: how many elements it stands for

    @property
    def cluster(self) -> bool:
        return self.count > 0


@dataclass
class Ego:
    """The ego graph of ``focus``: its nodes (in ring order) and edges (source, target, relation)."""

    focus: str
    depth: int
    nodes: list[EgoNode] = field(default_factory=list)
    edges: list[tuple[str, str, str]] = field(default_factory=list)


def _neighbours(pg: PortfolioGraph, item: str) -> list[tuple[str, str, bool]]:
    """(other element, relation, outgoing?) of every edge at ``item``, roles included (they are edges)."""
    out = [(v, rel, True) for v, rel in pg.links_out(item)]
    return out + [(u, rel, False) for u, rel in pg.links_in(item)]


def ego_graph(pg: PortfolioGraph, focus: str, depth: int, lang: str = "da", limit: int = EGO_LIMIT) -> Ego:
    """The elements within ``depth`` steps of ``focus`` (at most ``limit``), clusters for the rest, laid out.

    >>> from graph.examples import example_graph
    >>> ego = ego_graph(example_graph(), "geri-fa1", 1)
    >>> ego.nodes[0].id, sorted(n.id for n in ego.nodes if n.depth == 1)[:3]
    ('geri-fa1', ['geri-amb', 'geri-ch1', 'geri-i1'])
    """
    depth = max(1, min(depth, MAX_DEPTH))
    ego = Ego(focus, depth)
    seen: dict[str, EgoNode] = {focus: EgoNode(focus, pg.kind(focus) or "", _label(pg, focus, lang), 0, None)}
    ring = [focus]
    edges: set[tuple[str, str, str]] = set()
    for step in range(1, depth + 2):
        beyond = step > depth
        nxt: list[str] = []
        clusters: dict[tuple[str, str], list[str]] = {}
        for parent in ring:
            if seen[parent].cluster:
                continue
            shown = 0
            for other, relation, outgoing in _neighbours(pg, parent):
                if other in seen:
                    if not seen[other].cluster:
                        edges.add((parent, other, relation) if outgoing else (other, parent, relation))
                    continue
                kind = pg.kind(other) or ""
                if beyond or len(seen) >= limit or (shown >= PER_PARENT and step > 1):
                    clusters.setdefault((parent, kind), []).append(other)
                    continue
                shown += 1
                seen[other] = EgoNode(other, kind, _label(pg, other, lang), step, parent)
                nxt.append(other)
                edges.add((parent, other, relation) if outgoing else (other, parent, relation))
        if len(clusters) > CLUSTER_LIMIT:
            clusters = _merged_by_kind(clusters)
        for (parent, kind), members in clusters.items():
            members = [m for m in dict.fromkeys(members) if m not in seen]
            if not members:
                continue
            cid = f"cluster:{parent}:{kind}"
            seen[cid] = EgoNode(cid, kind, f"+{len(members)} {kind_label(kind, lang).lower()}", step, parent, count=len(members))
            nxt.append(cid)
            edges.add((parent, cid, ""))
        ring = nxt
        if not ring:
            break
    ego.nodes = list(seen.values())
    ego.edges = sorted(edges)
    _lay_out(ego)
    return ego


def _merged_by_kind(clusters: dict[tuple[str, str], list[str]]) -> dict[tuple[str, str], list[str]]:
    """One cluster per kind, hung on the element that has the most of that kind."""
    merged: dict[str, list[str]] = {}
    biggest: dict[str, tuple[int, str]] = {}
    for (parent, kind), members in clusters.items():
        merged.setdefault(kind, []).extend(members)
        if len(members) > biggest.get(kind, (0, ""))[0]:
            biggest[kind] = (len(members), parent)
    return {(biggest[kind][1], kind): members for kind, members in merged.items()}


def chosen_ego(pg: PortfolioGraph, focus: str, members: list[str], lang: str = "da") -> Ego:
    """The graph of ``members`` only (a trace, for one), in rings by their steps from ``focus``.

    >>> from graph.examples import example_graph
    >>> [n.id for n in chosen_ego(example_graph(), "geri-i1", ["geri-i1", "geri-fa1", "geri-amb"]).nodes]
    ['geri-i1', 'geri-fa1', 'geri-amb']
    """
    wanted = set(members)
    ego = Ego(focus, 0)
    seen = {focus: EgoNode(focus, pg.kind(focus) or "", _label(pg, focus, lang), 0, None)}
    ring = [focus]
    edges: set[tuple[str, str, str]] = set()
    step = 0
    while ring:
        step += 1
        nxt = []
        for parent in ring:
            for other, relation, outgoing in _neighbours(pg, parent):
                if other not in wanted:
                    continue
                edges.add((parent, other, relation) if outgoing else (other, parent, relation))
                if other not in seen:
                    seen[other] = EgoNode(other, pg.kind(other) or "", _label(pg, other, lang), step, parent)
                    nxt.append(other)
        ring = nxt
    ego.depth = step
    ego.nodes = list(seen.values())
    ego.edges = sorted(edges)
    _lay_out(ego)
    return ego


def _label(pg: PortfolioGraph, item: str, lang: str) -> str:
    text = element_text(pg, item, lang)
    return text if len(text) <= LABEL else text[: LABEL - 1] + "…"


def _lay_out(ego: Ego) -> None:
    """Rings by step; on each, elements in the order of the angle of the element they were reached from."""
    angle: dict[str, float] = {ego.focus: 0.0}
    by_depth: dict[int, list[EgoNode]] = {}
    for node in ego.nodes:
        by_depth.setdefault(node.depth, []).append(node)
    radius = 0.0
    for d in sorted(by_depth):
        nodes = by_depth[d]
        if d == 0:
            continue
        nodes.sort(key=lambda n: (angle.get(n.parent or "", 0.0), n.cluster, n.kind, n.label))
        radius = max(radius + RING, len(nodes) * SPACING / (2 * math.pi))
        for i, node in enumerate(nodes):
            # Every other ring turned by half a step, so labels of neighbouring rings do not line up.
            a = 2 * math.pi * (i + 0.5 * (d % 2)) / len(nodes) - math.pi / 2
            angle[node.id] = a
            node.x, node.y = round(radius * math.cos(a), 1), round(radius * math.sin(a), 1)


def to_picture(pg: PortfolioGraph, ego: Ego, url_of: Callable[[str], str | None], cluster_url: Callable[[str], str], lang: str) -> Picture:
    """The vis.js picture of an ego graph: fixed positions, physics off, labels under the dots."""
    picture = Picture(total=sum(1 for n in ego.nodes if not n.cluster), truncated=any(n.cluster for n in ego.nodes))
    for node in ego.nodes:
        colour = KIND_COLOURS.get(node.kind, "#777777")
        picture.nodes.append(
            {
                "id": node.id,
                "label": node.label,
                "title": escape(node.label) if node.cluster else _tooltip(pg, node.id, lang),
                "color": {"background": "#ffffff", "border": colour} if node.cluster else colour,
                "borderWidth": 2,
                "shape": "box" if node.cluster else "dot",
                "size": 22 if node.depth == 0 else 12,
                "x": node.x,
                "y": node.y,
                "kind": node.kind,
                "url": cluster_url(node.parent or "") if node.cluster else (url_of(node.id) or ""),
            }
        )
    picture.edges = [
        {"from": a, "to": b, "title": escape(rel), "arrows": "to" if rel else "", "dashes": not rel} for a, b, rel in ego.edges
    ]
    picture.options = {
        "physics": False,
        # A large font and a low draw threshold: the whole picture is fitted in the frame, and vis.js
        # would hide labels smaller than 5 px after that zoom.
        "nodes": {
            "font": {"size": 32, "face": "system-ui, sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 3}},
        },
        "edges": {"color": {"color": "#9aa5ad"}, "smooth": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "keyboard": True},
    }
    picture.kinds = sorted({n.kind for n in ego.nodes}, key=lambda k: list(KIND_COLOURS).index(k) if k in KIND_COLOURS else 99)
    return picture


def to_svg(ego: Ego, title: str) -> str:
    """A standalone SVG of the laid-out graph (for slides): dots, clusters, arrows and readable labels."""
    if not ego.nodes:
        return '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    pad = 140
    xs = [n.x for n in ego.nodes]
    ys = [n.y for n in ego.nodes]
    x0, y0 = min(xs) - pad, min(ys) - pad
    width, height = max(xs) - x0 + pad, max(ys) - y0 + pad + 30
    at = {n.id: n for n in ego.nodes}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.0f} {y0 - 30:.0f} {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" font-family="system-ui, sans-serif" font-size="14">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="20" refY="5" markerWidth="6" markerHeight="6" orient="auto">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#9aa5ad"/></marker></defs>',
        f'<text x="{x0 + 10:.0f}" y="{y0:.0f}" font-size="20" font-weight="bold">{escape(title)}</text>',
    ]
    for a, b, rel in ego.edges:
        p, q = at[a], at[b]
        dash = ' stroke-dasharray="4 4"' if not rel else ' marker-end="url(#arrow)"'
        parts.append(f'<line x1="{p.x}" y1="{p.y}" x2="{q.x}" y2="{q.y}" stroke="#9aa5ad"{dash}/>')
    for n in ego.nodes:
        colour = KIND_COLOURS.get(n.kind, "#777777")
        if n.cluster:
            w = 9 * len(n.label) + 16
            parts.append(f'<rect x="{n.x - w / 2:.1f}" y="{n.y - 13:.1f}" width="{w}" height="26" rx="6" fill="#ffffff" stroke="{colour}" stroke-width="2"/>')
            parts.append(f'<text x="{n.x}" y="{n.y + 5:.1f}" text-anchor="middle">{escape(n.label)}</text>')
            continue
        r = 16 if n.depth == 0 else 9
        parts.append(f'<circle cx="{n.x}" cy="{n.y}" r="{r}" fill="{colour}"><title>{escape(n.id)}</title></circle>')
        parts.append(
            f'<text x="{n.x}" y="{n.y + r + 16:.1f}" text-anchor="middle" stroke="#ffffff" stroke-width="3" '
            f'paint-order="stroke">{escape(n.label)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
