"""Count the checks the test suite writes down: `assert` statements and `pytest.raises` uses.

A script, not a test: `uv run python tests/count_assertions.py [--by-file]`. It counts what
is written (with `ast`), not what runs: a parametrised test's assert counts once.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _is_raises(call: ast.Call) -> bool:
    """`pytest.raises(...)`, or `raises(...)` imported from pytest."""
    func = call.func
    if isinstance(func, ast.Attribute):
        return (
            func.attr == "raises" and isinstance(func.value, ast.Name) and func.value.id == "pytest"
        )
    return isinstance(func, ast.Name) and func.id == "raises"


def count(path: Path) -> tuple[int, int]:
    """The `assert` statements and the `pytest.raises` calls in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    asserts = sum(isinstance(node, ast.Assert) for node in ast.walk(tree))
    raises = sum(isinstance(node, ast.Call) and _is_raises(node) for node in ast.walk(tree))
    return asserts, raises


def main(argv: list[str]) -> int:
    by_file = "--by-file" in argv
    total_asserts = total_raises = 0
    for path in sorted(TESTS.rglob("*.py")):
        if path == Path(__file__).resolve():
            continue
        asserts, raises = count(path)
        total_asserts += asserts
        total_raises += raises
        if by_file and asserts + raises:
            print(f"{asserts + raises:6} {asserts:6} {raises:4}  {path.relative_to(TESTS)}")
    print(
        f"{total_asserts + total_raises} checks: "
        f"{total_asserts} assert statements, {total_raises} pytest.raises"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
