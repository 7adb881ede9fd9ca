"""``tracker minutes`` end to end (issue 22): the demo's held meeting's minutes as Word, read back with python-docx."""
from __future__ import annotations

import docx


def test_the_minutes_of_the_demos_held_meeting_list_every_decision_with_who_decided_and_recorded(cli, store_path, tmp_path):
    assert cli("demo").code == 0
    out = tmp_path / "referat.docx"
    result = cli("minutes", "psg-2026-11", "-o", str(out))
    assert (result.code, result.out) == (0, f"referatet er skrevet til {out}\n")
    lines = [(p.style.name, p.text) for p in docx.Document(str(out)).paragraphs if p.text]
    assert lines[:2] == [("Title", "Referat: Programstyregruppemøde november 2026"),
                         ("Normal", "Dato: 2026-11-19 · Sted: Regionshuset, Sorø · Mødeleder: Anette Gram")]
    headings = [text for style, text in lines if style == "Heading 1"]
    assert headings == ["1. Strategisk ambition: Endokrinologi", "2. Beslutning om kardiologisk tilstedeværelse på alle akutsygehuse",
                        "3. Statusrapport: Lungemedicin: Status for lungemedicin", "4. Programmets tidsplan for 2027"]
    decisions = [text for style, text in lines if text.startswith("Beslutning: ")]
    assert [d.split(".")[0] for d in decisions] == ["Beslutning: Sendt retur", "Beslutning: Aftalt",
                                                    "Beslutning: Taget til efterretning", "Beslutning: Godkendt"]
    assert lines.count(("Normal", "På vegne af programstyregruppen (mødeleder: Anette Gram); ført til referat af Mette Munk Sørensen · 2026-11-19")) == 4


def test_an_unknown_meeting_is_one_line_quoting_it(cli, store_path, tmp_path):
    assert cli("demo").code == 0
    result = cli("minutes", "psg-1999", "-o", str(tmp_path / "x.docx"))
    assert result.code == 1 and "'psg-1999' er ikke et møde i porteføljen" in result.err
    assert not (tmp_path / "x.docx").exists()


def test_the_meeting_pack_of_the_demos_next_meeting_opens_and_its_headings_are_in_order(cli, store_path, tmp_path):
    assert cli("demo").code == 0
    out = tmp_path / "pack.docx"
    result = cli("meeting-pack", "psg-2026-12", "-o", str(out))
    assert (result.code, result.out) == (0, f"mødemappen er skrevet til {out}\n")
    document = docx.Document(str(out))
    lines = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert lines[0] == ("Title", "Mødemappe: Programstyregruppemøde december 2026")
    items = ["1. Strategisk ambition: Reumatologi", "2. Faglig ambition: Kardiologi",
             "3. Midlertidig projektsygeplejerske til rehabiliteringsforløb", "4. Statusrapport: Lungemedicin",
             "5. Statusrapport: Kardiologi", "6. Eventuelt"]
    assert [t for s, t in lines if s == "Heading 1"] == ["Dagsorden", *items]
    agenda = [t for s, t in lines[lines.index(("Heading 1", "Dagsorden")) + 1:] if s == "Normal"][:6]
    assert agenda == items
    # the ambition document sits under its item, one level down
    after = [s for s, t in lines[lines.index(("Heading 1", items[0])) + 1:lines.index(("Heading 1", items[1]))]]
    assert "Heading 2" in after and "Heading 1" not in after
    assert 'TOC \\o "1-1"' in document.element.xml and "PAGE" in document.sections[0].footer._element.xml
    # the faglig ambition under its item: each strength position's part, then its initiatives by focus area
    faglig = lines[lines.index(("Heading 1", items[1])) + 1:lines.index(("Heading 1", items[2]))]
    assert any(style == "Heading 2" for style, _ in faglig)
    assert any(t.startswith("Hvad den faglige ambition vil her: Roskilde og Køge er det faglige centrum") for _, t in faglig)
