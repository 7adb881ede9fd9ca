"""A server start pays only for what its first page needs (issue 13: first page under 1 s).

Excel (openpyxl, with numpy), Word (python-docx, with lxml), pictures (Pillow), scipy and
networkx are imported by the functions that use them, so neither ``import web`` nor
``create_app`` nor the sign-in page loads them. Checked in a fresh interpreter, whose
``sys.modules`` is not shared with the tests that did use them.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("openpyxl", "docx", "PIL", "scipy", "networkx")

PROBE = """
import json, sys
heavy = {heavy!r}

def loaded():
    return sorted({{m.split('.')[0] for m in sys.modules}} & set(heavy))

import web
after_import = loaded()
from web import create_app
app = create_app({{"INSTANCE_PATH": sys.argv[1], "SECRET_KEY": "x"}})
after_create = loaded()
page = app.test_client().get("/login")
print(json.dumps({{"import": after_import, "create_app": after_create, "login": [page.status_code, loaded()]}}))
"""


def _probe(instance: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    run = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), str(instance)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return dict(json.loads(run.stdout.splitlines()[-1]))


def test_a_server_start_loads_no_excel_word_picture_or_graph_library(tmp_path):
    assert _probe(tmp_path / "instance") == {"import": [], "create_app": [], "login": [200, []]}


def test_the_probe_would_see_a_heavy_module_loaded(tmp_path):
    """The check itself works: a module that is loaded shows up (openpyxl through the Excel writer)."""
    probe = PROBE.replace("import web\n", "import web\nimport importers.xlsx_writer\n", 1)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    run = subprocess.run(
        [sys.executable, "-c", probe.format(heavy=HEAVY), str(tmp_path / "instance")],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "openpyxl" in json.loads(run.stdout.splitlines()[-1])["import"]
