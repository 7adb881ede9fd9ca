"""Pictures for the board (issue 23): what depends on an element as a layered diagram, left to right.

Laid out on the server by Graphviz ``dot`` (Debian's ``graphviz``, installed by ``make setup`` as
Chromium is), called as a program with the graph on standard input. Why ``dot``: these graphs are
DAGs and ``dot`` is the layered (Sugiyama) layout, kept since 1991, with crossing reduction,
clusters (one box per specialty) and SVG and PNG output from one description; a pure-Python
layered layout would need its own crossing reduction, text measuring and a PNG rasteriser.

The picture is made for a 16:9 slide: columns by kind (support offer, prerequisites, focus areas,
initiatives), titles in full words wrapped at ``WRAP`` characters (never an id: Graphviz names the
nodes ``n0``, ``n1`` ...), at most ``PER_GROUP`` elements of a kind per specialty and
``SPECIALTIES`` specialties (the rest counted in a "+N" box), and a legend of the kinds.
"""
from __future__ import annotations

import shutil
import subprocess
import textwrap

from graph.portfolio import PortfolioGraph
from graph.queries.impact import Impact, element_title
from graph.queries.trace import trace
from graph.relations import Relation
from graph.vocabulary import kind_label, label
from web.graphview import KIND_COLOURS

#: Characters per line of a label; with 14 pt text four columns fit a slide's width at 12 pt or more.
WRAP = 28
#: Most elements of one kind shown per specialty, and most specialties shown.
PER_GROUP, SPECIALTIES = 5, 6
#: Kinds drawn (indicators measure rather than depend: left out of the picture).
DRAWN = ("support_offer", "strength_position", "challenge", "prerequisite", "focus_area", "initiative", "specialty")
FONT = "Liberation Sans"
#: Most seconds ``dot`` may take.
TIMEOUT_S = 20
FORMATS = {"svg": "image/svg+xml", "png": "image/png"}


def available() -> bool:
    """Whether Graphviz ``dot`` is installed."""
    return shutil.which("dot") is not None


def _quoted(text: str) -> str:
    wrapped = "\n".join(textwrap.wrap(text, WRAP)) or " "
    return '"' + wrapped.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _node(name: str, label: str, kind: str) -> str:
    colour = KIND_COLOURS.get(kind, "#777777")
    return f'  {name} [label={_quoted(label)}, color="{colour}", fillcolor="{colour}22"];'


def dot_source(found: Impact, lang: str = "da") -> str:
    """The Graphviz description of what depends on ``found.root``: nodes named n0, n1 ..., labelled by title.

    >>> from graph.examples import example_graph
    >>> from graph.queries.impact import impact
    >>> text = dot_source(impact(example_graph(), "geri-pre1"))
    >>> "rankdir=LR" in text, "Robuste faglige miljøer" in text, "geri-fa1" in text
    (True, True, False)
    """
    pg = found.pg
    names: dict[str, str] = {found.root: "n0"}
    lines = [
        "digraph impact {",
        f'  graph [rankdir=LR, fontname="{FONT}", fontsize=16, nodesep=0.18, ranksep=0.7, newrank=true];',
        f'  node [shape=box, style="rounded,filled", fontname="{FONT}", fontsize=14, penwidth=1.5, margin="0.12,0.05"];',
        '  edge [color="#78909c", arrowsize=0.7];',
        _node("n0", element_title(pg, found.root), pg.kind(found.root) or ""),
    ]
    counter = 1
    groups = found.grouped()
    for index, (specialty, kinds) in enumerate(groups[:SPECIALTIES]):
        title = element_title(pg, specialty) if specialty else ("Uden speciale" if lang == "da" else "No specialty")
        lines += [f"  subgraph cluster_{index} {{", f"    label={_quoted(title)};", '    style="rounded"; color="#b0bec5";']
        for kind, deps in kinds:
            if kind not in DRAWN:
                continue
            for dep in deps[:PER_GROUP]:
                names[dep.item] = name = f"n{counter}"
                counter += 1
                lines.append("  " + _node(name, element_title(pg, dep.item), kind))
            if len(deps) > PER_GROUP:
                more = len(deps) - PER_GROUP
                label = f"+{more} {kind_label(kind, lang).lower()}"
                lines.append(f'    n{counter} [label={_quoted(label)}, style="rounded,dashed", color="#90a4ae"];')
                counter += 1
        lines.append("  }")
    hidden = len(groups) - SPECIALTIES
    if hidden > 0:
        label = f"+{hidden} specialer mere" if lang == "da" else f"+{hidden} more specialties"
        lines.append(f'  n{counter} [label={_quoted(label)}, style="rounded,dashed", color="#90a4ae"];')
        counter += 1
    for item, name in names.items():
        for before, _relation, _out in found.links.get(item, ()):
            if before in names:
                lines.append(f"  {names[before]} -> {name};")
    drawn = [k for k in DRAWN if k == pg.kind(found.root) or any(d.kind == k for d in found.dependants)]
    lines += _legend(drawn, lang, counter)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _legend(shown: list[str], lang: str, counter: int) -> list[str]:
    """A box naming the colour of each kind drawn."""
    lines = ["  subgraph cluster_legend {", f"    label={_quoted('Forklaring' if lang == 'da' else 'Legend')};",
             '    style="rounded"; color="#cfd8dc";']
    for offset, kind in enumerate(shown):
        lines.append("  " + _node(f"n{counter + offset}", kind_label(kind, lang), kind))
    lines.append("  }")
    return lines


def trace_source(pg: PortfolioGraph, initiative: str, lang: str = "da") -> str:
    """The Graphviz description of an initiative's trace, left to right: the initiative, the focus areas it
    serves, their ambitions, and the prerequisites (with the support offers they draw on) behind them.

    >>> from graph.examples import example_graph
    >>> text = trace_source(example_graph(), "geri-i1")
    >>> "Fælles undervisning" in text, "Ressourcer til\\\\nkompetenceudvikling (aftalt)" in text, "geri-i1" in text
    (True, True, False)
    """
    chain = trace(pg, initiative)
    names: dict[str, str] = {}
    lines = [
        "digraph trace {",
        f'  graph [rankdir=LR, fontname="{FONT}", fontsize=16, nodesep=0.18, ranksep=0.7];',
        f'  node [shape=box, style="rounded,filled", fontname="{FONT}", fontsize=14, penwidth=1.5, margin="0.12,0.05"];',
        '  edge [color="#78909c", arrowsize=0.7];',
    ]
    shown = [initiative, *chain.focus_areas, *chain.ambitions, *chain.prerequisites, *chain.support_offers]
    for number, item in enumerate(dict.fromkeys(shown)):
        names[item] = f"n{number}"
        kind = pg.kind(item) or ""
        title = element_title(pg, item)
        if kind == "ambition":
            specialty = pg.specialty_of(item)
            title = f"{element_title(pg, specialty)}: {title}" if specialty else title
        if kind == "prerequisite" and pg.data(item).get("status"):
            title = f"{title} ({label(pg.data(item)['status'], lang).lower()})"
        lines.append(_node(names[item], title, kind))
    edges = [(initiative, fa) for fa in chain.focus_areas]
    edges += [(fa, amb) for fa in chain.focus_areas for amb in pg.out(fa, Relation.PART_OF) if amb in names]
    edges += [(pg.data(pre)["ambition"], pre) for pre in chain.prerequisites if pg.data(pre).get("ambition") in names]
    edges += [(pre, offer) for pre in chain.prerequisites for offer in pg.out(pre, Relation.DRAWS_ON) if offer in names]
    edges += [(initiative, offer) for offer in pg.out(initiative, Relation.DRAWS_ON) if offer in names]
    lines += [f"  {names[a]} -> {names[b]};" for a, b in dict.fromkeys(edges)]
    kinds = list(dict.fromkeys(pg.kind(i) or "" for i in names))
    lines += _legend(kinds, lang, len(names))
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(source: str, fmt: str) -> bytes:
    """The diagram laid out by ``dot`` as SVG or PNG (150 dpi: a slide's full width is about 2,000 pixels)."""
    args = ["dot", f"-T{fmt}"] + (["-Gdpi=150"] if fmt == "png" else [])
    done = subprocess.run(args, input=source.encode("utf-8"), capture_output=True, timeout=TIMEOUT_S, check=True)
    return done.stdout
