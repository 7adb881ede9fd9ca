"""Writing a command's answer: to standard output, or to a file the user named."""
from __future__ import annotations

import sys
from pathlib import Path

from tracker.errors import UserError


def emit(text: str) -> None:
    """Print ``text`` to standard output, ending in one newline."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def check_output_folder(path: Path) -> None:
    """Refuse an output file whose folder does not exist (before any work is done)."""
    folder = path.parent
    if not folder.is_dir():
        raise UserError(
            da=f"mappen '{folder}' til '{path}' findes ikke", en=f"the folder '{folder}' for '{path}' does not exist"
        )
