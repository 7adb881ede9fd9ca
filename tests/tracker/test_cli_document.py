"""``tracker document``: the ambition document as Word from the command line."""
from __future__ import annotations

import docx


def test_document_writes_a_word_file_in_the_chosen_language(cli, store_path, tmp_path):
    assert cli("demo").code == 0
    out = tmp_path / "lunge.docx"
    result = cli("document", "lunge", "-o", str(out), "--lang", "en")
    assert (result.code, result.out, result.err) == (0, "", "")
    word = docx.Document(str(out))
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"][:2] == ["1. Situation picture", "2. Core challenges"]


def test_document_refuses_pdf_other_types_and_non_specialties(cli, store_path, tmp_path):
    assert cli("demo").code == 0
    pdf = tmp_path / "lunge.pdf"
    result = cli("document", "lunge", "-o", str(pdf))
    assert result.code == 1
    assert result.err == (
        f"'{pdf}': PDF laves ved at udskrive specialets side i browseren (Udskriv, Gem som PDF); "
        "her kan dokumentet skrives som Word: brug -o FIL.docx\n"
    )
    other = cli("document", "lunge", "-o", str(tmp_path / "x.odt"), "--lang", "en")
    assert (other.code, other.err) == (1, f"unknown file type '.odt' for '{tmp_path / 'x.odt'}': use .docx\n")
    wrong = cli("document", "lunge-i1", "-o", str(tmp_path / "x.docx"))
    assert (wrong.code, wrong.err) == (1, "'lunge-i1' er ikke et speciale\n")
    assert not list(tmp_path.glob("*.docx")) and not pdf.exists()
