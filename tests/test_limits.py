"""The limits the code base keeps, checked on its syntax tree: no module over 450 lines and no
function over 60 (the drawing code in bodymap/ excepted), and no import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .helpers import ROOT

PACKAGE = ROOT / "src" / "glutealtp"
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 60
SHAPE_DATA = ("glutealtp.bodymap.geometry",)
"""Modules that are mostly shape data, which may run longer (their functions may not)."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def test_the_limits_see_the_package() -> None:
    assert {"glutealtp.ranking.rank", "glutealtp.cli.app", "glutealtp.bodymap.svg"} <= set(MODULES)


@pytest.mark.parametrize("name", [n for n in MODULES if n not in SHAPE_DATA])
def test_no_module_is_over_450_lines(name: str) -> None:
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{name}: {lines} lines"


def test_no_function_is_over_60_lines() -> None:
    long = [
        f"{name}.{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for name, tree in TREES.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def _for_the_type_checker(node: ast.If) -> bool:
    test = node.test
    name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", None)
    return name == "TYPE_CHECKING"


def imports(name: str) -> set[str]:
    """The glutealtp modules `name` imports when it runs: at the top or inside a function,
    but not under `if TYPE_CHECKING:`, which only the type checker reads."""
    found: set[str] = set()
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _for_the_type_checker(node):
            for other in node.orelse:
                visit(other)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            for alias in node.names:  # `from pkg import module` imports that module
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in MODULES else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(TREES[name])
    return {m for m in found if m in MODULES and m != name}


def test_no_import_cycle() -> None:
    graph = {name: imports(name) for name in MODULES}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            walk(node)
    assert cycles == [], [" -> ".join(c) for c in cycles]


def test_the_cycle_check_sees_function_local_imports() -> None:
    """A guard on the check: the lazy imports of the CLI are edges too."""
    assert "glutealtp.bodymap.picture" in imports("glutealtp.commands")
    assert "glutealtp.cli.app" in imports("glutealtp.__main__")
    assert "glutealtp.catalog.dataset" in imports("glutealtp.catalog.load")
    assert "glutealtp.catalog.dataset" not in imports("glutealtp.catalog.hierarchy")
