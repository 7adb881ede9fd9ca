"""Run the coverage-guided fuzzer (atheris) on the importers for a bounded time inside the normal test run."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import SMALL

TARGET = Path(__file__).with_name("atheris_importers.py")
ROOT = Path(__file__).resolve().parents[2]


def seed_corpus(folder: Path) -> None:
    """Valid and nearly valid files, each behind the byte that chooses its type (0 YAML, 1 JSON, 2 Excel)."""
    folder.mkdir()
    (folder / "small.yaml").write_bytes(b"\x00" + yaml.safe_dump(SMALL, allow_unicode=True).encode())
    (folder / "small.json").write_bytes(b"\x01" + json.dumps(SMALL).encode())
    (folder / "flow.yaml").write_bytes(b"\x00" + b"{format: ambition-tracker/v1, programme: {id: p, name: [1, .nan, 2026-01-01]}}")
    (folder / "deep.json").write_bytes(b"\x01" + b"[" * 40 + b"]" * 40)
    from importers.xlsx_writer import workbook_bytes

    (folder / "small.xlsx").write_bytes(b"\x02" + workbook_bytes(SMALL))
    (folder / "nums.json").write_bytes(b"\x01" + b'{"programme": {"id": 1e999, "name": NaN, "x": 123456789012345678901234567890123}}')


def test_atheris_finds_no_crash_in_the_importers(tmp_path):
    corpus = tmp_path / "corpus"
    seed_corpus(corpus)
    artifacts = tmp_path / "crashes"
    artifacts.mkdir()
    result = subprocess.run(
        [sys.executable, str(TARGET), str(corpus), "-max_total_time=20", "-runs=300000",
         f"-artifact_prefix={artifacts}/", "-rss_limit_mb=1500", "-timeout=10"],
        capture_output=True, text=True, timeout=180, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "Done" in result.stderr
    assert list(artifacts.iterdir()) == []
