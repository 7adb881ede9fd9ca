"""The web layer's shape: the factory wires every blueprint, no module grows past about 400 lines,
no project import hides in a function or behind ``except ImportError``, and nothing reaches into networkx."""
from __future__ import annotations

import ast
from pathlib import Path

from flask import Flask

from web import auth, create_app

WEB = Path(__file__).resolve().parents[2] / "web"
MODULES = sorted(WEB.rglob("*.py"))
PROJECT = ("graph", "importers", "web", "tracker")


def test_modules_are_small():
    assert len(MODULES) > 20
    assert {p.relative_to(WEB).as_posix(): n for p in MODULES if (n := len(p.read_text().splitlines())) > 420} == {}


def _functions(tree: ast.AST):
    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]


def test_project_imports_sit_at_module_top():
    inside = []
    for path in MODULES:
        for function in _functions(ast.parse(path.read_text())):
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in PROJECT:
                    inside.append(f"{path.name}:{node.lineno}")
    assert inside == []


def test_no_import_is_guarded():
    guarded = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ExceptHandler) and isinstance(node.type, ast.Name) and node.type.id == "ImportError":
                guarded.append(f"{path.name}:{node.lineno}")
    assert guarded == []


def test_web_uses_only_the_read_models_public_walk():
    assert [p.name for p in MODULES if "pg.g." in p.read_text() or "pg.g)" in p.read_text()] == []


def test_sign_in_registers_no_blueprint():
    bare = Flask(__name__)
    bare.config.update(SECRET_KEY="x")
    auth.init_app(bare)
    assert bare.blueprints == {}


def test_the_factory_registers_every_blueprint(tmp_path):
    app = create_app({"STORE_URL": f"sqlite:///{tmp_path / 'p.db'}", "USERS_DB": str(tmp_path / "u.db"), "SECRET_KEY": "x"})
    assert sorted(app.blueprints) == ["api", "api_doc", "api_write", "auth", "edit", "oidc", "pages"]
    assert {"num"} <= set(app.jinja_env.filters)
    assert {"heat_level", "can_edit", "edit_url", "download_url"} <= set(app.jinja_env.globals)
    app.extensions["portfolio"].store.close()


def _web_imports(path: Path) -> set[str]:
    """The web modules a module imports at its top (``from web import x`` counts as web.x)."""
    names = {".".join(p.relative_to(WEB.parent).with_suffix("").parts).removesuffix(".__init__") for p in MODULES}
    found: set[str] = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("web"):
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                found.add(target if target in names else node.module or "")
    found.discard("web")  # the package itself is the factory, which only wires
    return found


def test_no_circular_import():
    graph = {".".join(p.relative_to(WEB.parent).with_suffix("").parts).removesuffix(".__init__"): _web_imports(p) for p in MODULES}
    cycles = []
    done: set[str] = set()

    def visit(module: str, trail: list[str]) -> None:
        for target in sorted(graph.get(module, ())):
            if target in trail:
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in done:
                visit(target, trail + [target])
        done.add(module)

    for module in sorted(graph):
        visit(module, [module])
    assert cycles == []
