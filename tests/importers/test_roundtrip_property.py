"""Property: any valid portfolio survives import, export to YAML or JSON, and import again unchanged."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.portfolio import PortfolioGraph
from graph.store.sqlite import SQLiteStore
from graph.vocabulary import THEMES, InitiativeStatus, Perspective, PrerequisiteKind, PrerequisiteStatus, Sequence
from importers.document import FORMAT, changeset_from_document
from importers.portfolio_file import export_document, read_portfolio, write_document

# Letters YAML likes to misread (":", "#", quotes, "-", digits, Danish letters) on purpose.
_ALPHABET = "abcdefghijklmnopqrstuvwxyzæøåÆØÅ ABCXYZ0123456789:#'\"-!&*?,.[]{}%@"
text = st.text(alphabet=_ALPHABET, min_size=1, max_size=25).filter(lambda s: bool(s.strip()))
long_text = st.text(alphabet=_ALPHABET + "\n", min_size=0, max_size=60)
numbers = st.floats(allow_nan=False, allow_infinity=False)
dates = st.dates().map(lambda d: d.isoformat())
themes = st.lists(st.sampled_from(sorted(THEMES)), unique=True, max_size=3)


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


def without_none(item: dict) -> dict:
    return {k: v for k, v in item.items() if v is not None}


@st.composite
def portfolios(draw: st.DrawFn) -> dict:
    """A valid portfolio document of a few sites, specialties, focus areas and initiatives."""
    n_sites = draw(st.integers(1, 3))
    sites = [
        without_none({
            "id": f"site{i}", "name": draw(text), "kind": draw(st.sampled_from(["acute_hospital", "other"])),
            "organisation": draw(maybe(text)), "lat": draw(maybe(st.floats(-90, 90))), "lon": draw(maybe(st.floats(-180, 180))),
        })
        for i in range(n_sites)
    ]
    site_ids = [s["id"] for s in sites]
    people = [without_none({"id": f"p{i}", "name": draw(text), "title": draw(maybe(text))}) for i in range(draw(st.integers(1, 3)))]
    person_ids = [p["id"] for p in people]
    doc: dict = {
        "format": FORMAT,
        "programme": {"id": "prog", "name": draw(text)},
        "sites": sites, "specialties": [], "strength_positions": [], "people": people, "roles": [],
        "ambitions": [], "situation": [], "challenges": [], "prerequisites": [], "focus_areas": [],
        "indicators": [], "initiatives": [],
    }
    all_focus: list[str] = []
    for s in range(draw(st.integers(1, 2))):
        sid = f"spec{s}"
        doc["specialties"].append({"id": sid, "name": draw(text)})
        sp = f"{sid}-sp"
        doc["strength_positions"].append({
            "id": sp, "specialty": sid, "sites": draw(st.lists(st.sampled_from(site_ids), min_size=1, max_size=2, unique=True)),
        })
        doc["roles"].append({"person": draw(st.sampled_from(person_ids)), "role": "specialty_owner", "specialty": sid})
        doc["roles"].append(without_none({
            "person": draw(st.sampled_from(person_ids)), "role": "implementation_lead", "strength_position": sp,
            "note": draw(maybe(text)),
        }))
        amb = f"{sid}-amb"
        doc["ambitions"].append({"id": amb, "specialty": sid, "statement": draw(text), "horizon_months": draw(st.integers(1, 240))})
        doc["situation"].append(without_none({
            "id": f"{sid}-sit", "specialty": sid, "perspective": draw(st.sampled_from(list(Perspective))).value,
            "figures": draw(st.dictionaries(text, numbers, max_size=3)) or None, "as_of": draw(maybe(dates)),
            "text": draw(maybe(long_text)),
        }))
        ch = f"{sid}-ch"
        doc["challenges"].append({
            "id": ch, "ambition": amb, "title": draw(text),
            "perspectives": without_none({"staff": draw(maybe(long_text)), "organisational": draw(maybe(text))}),
            "themes": draw(themes),
        })
        focus = [f"{sid}-fa{i}" for i in range(draw(st.integers(1, 3)))]
        all_focus.extend(focus)
        for i, fa in enumerate(focus):
            doc["focus_areas"].append(without_none({
                "id": fa, "ambition": amb, "title": draw(text), "description": draw(maybe(long_text)),
                "sequence": draw(maybe(st.sampled_from(list(Sequence)).map(str))), "order": i,
                "addresses": draw(st.sampled_from([[], [ch]])), "themes": draw(themes),
            }))
            doc["indicators"].append(without_none({
                "id": f"{fa}-ind", "focus_area": fa, "name": draw(text), "kind": draw(st.sampled_from(["quantitative", "qualitative"])),
                "baseline": draw(maybe(numbers | text)), "target": draw(maybe(numbers)),
                "readings": draw(st.lists(st.fixed_dictionaries({"date": dates, "value": numbers | text}), max_size=3)),
            }))
        doc["prerequisites"].append({
            "id": f"{sid}-pre", "ambition": amb, "text": draw(text),
            "kind": draw(st.sampled_from(list(PrerequisiteKind))).value,
            "status": draw(st.sampled_from(list(PrerequisiteStatus))).value,
            "enables": draw(st.lists(st.sampled_from(focus), unique=True)),
        })
    for i in range(draw(st.integers(0, 4))):
        place = draw(st.sampled_from(["strength_position", "site", None]))
        target = {"strength_position": "spec0-sp", "site": site_ids[0], None: None}[place]
        doc["initiatives"].append(without_none({
            "id": f"ini{i}", "title": draw(text), "focus_areas": draw(st.lists(st.sampled_from(all_focus), unique=True)),
            "owner": draw(maybe(st.sampled_from(person_ids))), "status": draw(st.sampled_from(list(InitiativeStatus))).value,
            "start": "2026-01-01", "end": draw(maybe(st.sampled_from(["2026-06-30", "2027-12-31"]))),
            "themes": draw(themes), **({place: target} if place else {}),
        }))
    return doc


def stored(store: SQLiteStore) -> dict[str, tuple]:
    return {r.id: (r.kind, r.data, r.programme) for r in store.load().records}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=portfolios(), fmt=st.sampled_from(["yaml", "json"]))
def test_round_trip_through_files(doc: dict, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        first = SQLiteStore(folder / "first.db")
        first.apply(changeset_from_document(doc, "generated"), "test")
        exported = export_document(PortfolioGraph.from_store(first))
        path = folder / f"portfolio.{fmt}"
        write_document(exported, path)

        second = SQLiteStore(folder / "second.db")
        second.apply(read_portfolio(path), "test")
        assert stored(second) == stored(first)
        assert export_document(PortfolioGraph.from_store(second)) == exported

        again = second.apply(read_portfolio(path), "test")
        assert not again.changed
        assert second.revision() == 1
        first.close()
        second.close()
