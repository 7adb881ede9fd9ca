"""``tracker document``: a specialty's strategic ambition document as a Word file."""
from __future__ import annotations

import argparse
from pathlib import Path

from importers.docx_document import ambition_docx
from importers.portfolio_file import write_bytes_atomically
from tracker.errors import UserError
from tracker.output import check_output_folder
from tracker.settings import Settings
from tracker.stores import load_graph


def document(args: argparse.Namespace, settings: Settings) -> None:
    path = Path(args.output)
    check_output_folder(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        # A PDF needs a browser engine to lay the page out; the tracker ships none at run time.
        raise UserError(
            da=f"'{path}': PDF laves ved at udskrive specialets side i browseren (Udskriv, Gem som PDF); "
            "her kan dokumentet skrives som Word: brug -o FIL.docx",
            en=f"'{path}': make a PDF by printing the specialty's page in the browser (Print, Save as PDF); "
            "here the document can be written as Word: use -o FILE.docx",
        )
    if suffix != ".docx":
        raise UserError(
            da=f"ukendt filtype '{path.suffix}' for '{path}': brug .docx",
            en=f"unknown file type '{path.suffix}' for '{path}': use .docx",
        )
    pg = load_graph(settings.store())
    if pg.kind(args.specialty) != "specialty":
        raise UserError(da=f"'{args.specialty}' er ikke et speciale", en=f"'{args.specialty}' is not a specialty")
    write_bytes_atomically(path, ambition_docx(pg, args.specialty, settings.lang))
