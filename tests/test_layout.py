"""The package's layout tells the flow: data model, loading, rules, rendering, site. No import circles, small modules."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import aicompare

PACKAGE = Path(aicompare.__file__).parent
MAX_LINES = 400
# Modules over the limit that are one thing each, so splitting them would scatter it.
ONE_THING = {
    "aicompare/formatting.py": "the canonical form of every data file",
    "aicompare/scaffold.py": "the `new` command",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Module to the package modules it imports."""
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for candidate in [target, *(f"{target}.{alias.name}" for alias in node.names)]:
                if candidate in modules and candidate != name:
                    graph[name].add(candidate)
    return graph


def test_no_import_circle_in_the_package() -> None:
    graph = imports()
    circles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(graph[module]):
            if target in path:
                circles.append([*path[path.index(target) :], target])
            elif len(path) < 30:
                visit(target, [*path, target])

    for module in list(graph):
        visit(module, [module])
    assert not circles, f"import circle: {' -> '.join(circles[0])}"


def test_the_knowledge_base_and_the_rules_do_not_read_files() -> None:
    graph = imports()
    for module in ("aicompare.knowledge", "aicompare.checks.rules", "aicompare.load_state"):
        assert "aicompare.loader" not in graph[module], f"{module} depends on the loader"


def test_modules_stay_small_unless_they_are_one_thing() -> None:
    long = {
        path.relative_to(PACKAGE.parent).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    too_long = {path: count for path, count in long.items() if count > MAX_LINES and path not in ONE_THING}
    assert not too_long, f"modules over {MAX_LINES} lines: {too_long}"
