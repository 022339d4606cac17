"""The package's modules import each other without circles: each layer depends only on the ones below it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "doclint"


def module_graph() -> dict[str, set[str]]:
    """Module → the doclint modules it imports, anywhere in it (inside functions too), typing-only ones aside."""
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path

    def resolve(name: str) -> str | None:
        while name and name not in names:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                       and "TYPE_CHECKING" in ast.unparse(block.test) for node in ast.walk(block)}
        deps: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("doclint"):
                deps.update(filter(None, (resolve(f"{node.module}.{alias.name}") for alias in node.names)))
            elif isinstance(node, ast.Import):
                deps.update(filter(None, (resolve(a.name) for a in node.names if a.name.startswith("doclint"))))
        graph[name] = deps - {name}
    return graph


def reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        current = todo.pop()
        if current == goal:
            return True
        if current not in seen:
            seen.add(current)
            todo.extend(graph.get(current, ()))
    return False


def test_command_modules_do_not_import_the_cli_that_registers_them() -> None:
    graph = module_graph()
    for command in ("doclint.annotate", "doclint.batch.command", "doclint.review.command", "doclint.cliutil"):
        assert not reaches(graph, command, "doclint.cli"), command


def test_the_engine_does_not_import_the_detectors_it_runs() -> None:
    graph = module_graph()
    for module in graph:
        if module.startswith("doclint.engine"):
            assert "doclint.checks" not in graph[module], module
    # The detectors implement the engine's interface: they import it, never the matchers that call them.
    for module in graph:
        if module.startswith("doclint.checks"):
            assert "doclint.engine.detector" in graph[module] or module == "doclint.checks", module
            assert not reaches(graph, module, "doclint.engine.primitives"), module


def test_no_module_outside_the_readers_package_is_on_an_import_circle() -> None:
    graph = module_graph()
    circular = sorted(m for m in graph if not m.startswith("doclint.readers")
                      and any(reaches(graph, dep, m) for dep in graph[m]))
    assert circular == []
