"""The strategic ambition document as Word, opened again with python-docx: headings, order, every
focus area and indicator of the demo's largest specialty, the site map as a picture, the running header."""
from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from graph.portfolio import PortfolioGraph
from graph.queries.document import ambition_document
from graph.store.sqlite import SQLiteStore
from importers.document import changeset_from_document
from importers.docx_document import ambition_docx
from tracker.demo import demo_document

PRINTED = dt.date(2026, 11, 19)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> PortfolioGraph:
    """The demo portfolio as a store keeps it (versions and revision set)."""
    store = SQLiteStore(tmp_path_factory.mktemp("demo") / "demo.db")
    store.apply(changeset_from_document(demo_document(), "demo"), "test")
    pg = PortfolioGraph.from_store(store)
    store.close()
    return pg


def largest(pg: PortfolioGraph) -> str:
    def size(spec: str) -> int:
        doc = ambition_document(pg, spec)
        return len(doc.focus_areas) + sum(map(len, doc.indicators.values())) + sum(map(len, doc.initiatives.values()))
    return max(sorted(pg.ids("specialty")), key=size)


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_the_largest_specialty_is_lungemedicin(demo):
    assert largest(demo) == "lunge"


def test_headings_follow_the_guidance_order(demo):
    word = _open(ambition_docx(demo, "lunge", "da", PRINTED))
    top = [p.text for p in word.paragraphs if p.style.name in ("Title", "Heading 1")]
    assert top == [
        "Strategisk ambition: Lungemedicin",
        "1. Situationsbillede",
        "2. Kerneudfordringer",
        "3. Ambition og forudsætninger",
        "4. Strategiske indsatsområder med indikatorer",
        "Faglig ambition: faglige indsatser pr. indsatsområde",
        "Kerneteam",
    ]


def test_every_focus_area_in_sequence_and_every_indicator(demo):
    word = _open(ambition_docx(demo, "lunge", "da", PRINTED))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
    doc = ambition_document(demo, "lunge")
    sequence = {"now": "Start nu", "next": "Dernæst", "later": "Senere"}
    expected = [f"{demo.data(fa)['title']} ({sequence[demo.data(fa)['sequence']]})" for fa in doc.focus_areas]
    start = headings.index(expected[0])
    assert headings[start:start + len(expected)] == expected
    assert [demo.data(fa)["sequence"] for fa in doc.focus_areas] == ["now", "now", "next", "later"]
    cells = {c.text for t in word.tables for r in t.rows for c in r.cells}
    indicators = [demo.data(i)["name"] for fa in doc.focus_areas for i in doc.indicators[fa]]
    assert len(indicators) == 5
    assert set(indicators) <= cells
    initiatives = [demo.display_title(i, limit=10_000) for fa in doc.focus_areas for i in doc.initiatives[fa]]
    assert set(initiatives) <= cells


def test_running_header_picture_and_repeated_table_heads(demo):
    word = _open(ambition_docx(demo, "lunge", "da", PRINTED))
    header = word.sections[0].header.paragraphs[0].text
    assert header == (
        "Bæredygtige akutsygehuse og specialer · Lungemedicin · version 1, porteføljens revision 1 · "
        "Godkendt 12. marts 2026 · udskrevet 19. november 2026"
    )
    assert len(word.inline_shapes) == 1  # the site map
    assert round(word.sections[0].page_width.cm, 1) == 21.0
    first = word.tables[0].rows[0]._tr
    assert first.trPr is not None and first.trPr.xpath("./w:tblHeader")


def test_english_and_locale_formatting(demo):
    word = _open(ambition_docx(demo, "lunge", "en", PRINTED))
    top = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert top[0] == "1. Situation picture" and top[-1] == "Core team"
    dates = {c.text for t in word.tables for r in t.rows for c in r.cells}
    assert "1 October 2025" in dates
    danish = _open(ambition_docx(demo, "lunge", "da", PRINTED))
    assert "1. oktober 2025" in {c.text for t in danish.tables for r in t.rows for c in r.cells}


def test_a_specialty_without_anything_still_makes_a_document():
    pg = PortfolioGraph(changeset_from_document({"format": "ambition-tracker/v1", "programme": {"id": "p", "name": "P"},
                                                 "specialties": [{"id": "s", "name": "Tom"}]}, "x").upserts)
    word = _open(ambition_docx(pg, "s", "da", PRINTED))
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"][0] == "1. Situationsbillede"
    assert "Specialet har endnu ingen strategisk ambition." in [p.text for p in word.paragraphs]
    with pytest.raises(KeyError):
        ambition_docx(pg, "p")
