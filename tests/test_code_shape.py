"""The shape of the code, as gates: the layers' import contract and every docstring example.

The layers are graph <- importers <- web <- tracker (HOUSE.md): a package may import only the
packages below it. Imports inside functions count too, because a lazy import is still a
dependency. Every ``>>>`` example in the four packages runs, so an example cannot rot.
"""
from __future__ import annotations

import ast
import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS: tuple[str, ...] = ("graph", "importers", "web", "tracker")


def _imported_packages(path: Path) -> set[tuple[str, int]]:
    """Return (top-level package, line) of every absolute import in the file at ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update((alias.name.split(".")[0], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.module.split(".")[0], node.lineno))
    return found


def upward_imports(root: Path = ROOT) -> list[str]:
    """Return ``file:line imports package`` for every import of a layer above the file's own."""
    found: list[str] = []
    for rank, layer in enumerate(LAYERS):
        above = set(LAYERS[rank + 1:])
        for path in sorted((root / layer).rglob("*.py")):
            for package, line in sorted(_imported_packages(path)):
                if package in above:
                    found.append(f"{path.relative_to(root)}:{line} imports {package}")
    return found


def test_no_layer_imports_a_layer_above_it() -> None:
    assert upward_imports() == []


def test_the_contract_sees_an_upward_import(tmp_path: Path) -> None:
    for layer in LAYERS:
        (tmp_path / layer).mkdir()
    (tmp_path / "graph" / "bad.py").write_text("def f():\n    from web.rights import may\n")
    (tmp_path / "web" / "fine.py").write_text("import graph.models\nfrom importers import loading\n")
    assert upward_imports(tmp_path) == ["graph/bad.py:2 imports web"]


def _modules() -> list[str]:
    names: list[str] = []
    for layer in LAYERS:
        package = importlib.import_module(layer)
        names.append(layer)
        names.extend(info.name for info in pkgutil.walk_packages(package.__path__, prefix=f"{layer}."))
    # A __main__ module runs the command when imported: it is a script, not a module with examples.
    return sorted(name for name in names if not name.endswith(".__main__"))


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_every_example_in_the_sources_is_run() -> None:
    """The examples doctest finds are all the ``>>>`` lines the sources hold (none hide in comments)."""
    written = sum(
        line.lstrip().startswith(">>> ")
        for layer in LAYERS
        for path in (ROOT / layer).rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
    )
    finder = doctest.DocTestFinder()
    found = sum(
        len(test.examples)
        for name in _modules()
        for test in finder.find(importlib.import_module(name))
        if test.filename and Path(test.filename).resolve().is_relative_to(ROOT)
    )
    assert found == written


def string_relations(root: Path = ROOT) -> list[str]:
    """Return ``file:line`` of every relation named by a string outside graph/ (``pg.out(x, "SERVES")``)."""
    from graph.relations import Relation

    call = re.compile(r"\.(?:out|into|has_out)\([^()]*?,\s*[\"']([A-Z_]+)[\"']")
    found: list[str] = []
    for layer in LAYERS[1:]:
        for path in sorted((root / layer).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                found += [f"{path.relative_to(root)}:{number} {name}" for name in call.findall(line) if name in Relation.__members__]
    return found


def test_relations_outside_graph_are_named_by_the_enumeration() -> None:
    assert string_relations() == []


def test_the_relation_gate_sees_a_string(tmp_path: Path) -> None:
    for layer in LAYERS:
        (tmp_path / layer).mkdir()
    (tmp_path / "web" / "view.py").write_text('a = pg.into(fa, "SERVES")\nb = pg.out(i, Relation.SERVES)\n')
    assert string_relations(tmp_path) == ["web/view.py:1 SERVES"]


def test_every_reference_of_the_schema_is_a_relation_of_the_enumeration() -> None:
    from graph.relations import Relation
    from graph.schema import REFERENCES

    assert [(kind, ref.field) for kind, refs in REFERENCES.items() for ref in refs if not isinstance(ref.relation, Relation)] == []
