"""The ambition document's web parts: the Word button, the checks' own print page, the ambition page's order."""
from __future__ import annotations

import io

import docx

from tests.web.test_pages import get, main


def test_the_word_button_downloads_the_document_in_the_readers_language(client):
    page = main(get(client, "/specialty/geri"))
    assert '<a href="/specialty/geri/document.docx">Hent som Word</a>' in page
    answer = client.get("/specialty/geri/document.docx?lang=en")
    assert answer.status_code == 200
    assert answer.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert 'filename="geri-strategic-ambition.docx"' in answer.headers["Content-Disposition"]
    word = docx.Document(io.BytesIO(answer.data))
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"] == [
        "1. Situation picture", "2. Core challenges", "3. The ambition and its prerequisites",
        "4. Strategic focus areas with indicators", "Professional ambition: initiatives by focus area", "Core team",
    ]
    assert client.get("/specialty/geri-i1/document.docx").status_code == 404


def test_the_checks_have_their_own_print_page(client):
    page = main(get(client, "/specialty/geri/checks"))
    assert "<h1>Sundhedstjek: Geriatri</h1>" in page
    assert '<ul class="findings">' in page
    assert page.index('<p class="print-header">') < page.index("<h1>")


def test_the_ambition_page_puts_challenges_before_prerequisites(client):
    page = main(get(client, "/ambition/geri-amb"))
    assert page.index("<h2>Kerneudfordringer</h2>") < page.index("<h2>Forudsætninger</h2>") < page.index("<h2>Strategiske indsatsområder</h2>")


def test_the_printed_header_names_programme_specialty_version_status_and_date(client):
    page = get(client, "/specialty/geri")
    header = page[page.index('<p class="print-header">') + len('<p class="print-header">'):]
    header = header[: header.index("</p>")]
    assert header.startswith("BASS · Geriatri · version 1, porteføljens revision 1 · Godkendt 1. marts 2026 · udskrevet ")
