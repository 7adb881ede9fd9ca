"""Coverage-guided fuzz target for the importers (run by tests/fuzz/test_atheris_run.py, or by hand).

The first byte of an input chooses the file type, the rest is the file. The contract: any bytes
give a change set or InvalidChangeSet whose every problem can be told in Danish and English;
anything else is a crash that atheris reports with the input that caused it.

    .venv/bin/python tests/fuzz/atheris_importers.py CORPUS_DIR -max_total_time=60
"""
from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["importers"]):
    from graph.problems import InvalidChangeSet
    from importers.portfolio_file import read_portfolio_bytes

NAMES = ("fuzz.yaml", "fuzz.json", "fuzz.xlsx")


def one_input(data: bytes) -> None:
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    try:
        read_portfolio_bytes(data[1:], name)
    except InvalidChangeSet as exc:
        assert exc.problems, "InvalidChangeSet without problems"
        for problem in exc.problems:
            problem.text("da")
            problem.text("en")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
