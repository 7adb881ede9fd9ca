"""docs/file-format.md says exactly what an import accepts: its reference part is generated."""
from __future__ import annotations

from pathlib import Path

from importers.format_doc import MARKER, reference_markdown, write
from importers.schema import PortfolioDocument

DOC = Path(__file__).resolve().parents[2] / "docs" / "file-format.md"


def test_the_committed_reference_is_what_the_models_generate():
    committed = DOC.read_text(encoding="utf-8").split(MARKER, 1)[1].lstrip("\n")
    assert committed == reference_markdown(), "docs/file-format.md is stale: run python -m importers.format_doc docs/file-format.md"


def test_every_section_of_the_file_is_described():
    text = DOC.read_text(encoding="utf-8")
    missing = [name for name in PortfolioDocument.model_fields if f"| `{name}` |" not in text]
    assert missing == []


def test_an_initiative_row_names_its_references_and_limits():
    rows = [line for line in reference_markdown().splitlines() if line.startswith("| `focus_areas` | list of text")]
    assert rows[-1] == "| `focus_areas` | list of text | no | ids of `focus_area` (relation `SERVES`) |"


def test_writing_keeps_the_hand_written_head(tmp_path):
    doc = tmp_path / "format.md"
    doc.write_text("# Head\n\nWritten by hand.\n", encoding="utf-8")
    write(doc)
    write(doc)
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Head\n\nWritten by hand.\n\n" + MARKER + "\n\n## Sections\n")
    assert text.count(MARKER) == 1
