"""The package's layout shows its architecture: no import cycles between modules or
folders, and nothing below `cli/` parses options, prints, exits or reads the clock."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "parcheck"
MODULES = {
    ".".join(("parcheck", *f.relative_to(SRC).with_suffix("").parts)).removesuffix(".__init__"): f
    for f in SRC.rglob("*.py")
}


def imports(name: str) -> set[str]:
    """The parcheck modules `name` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module in MODULES:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names} & set(MODULES)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names} & set(MODULES)
    return found - {name}


def folder(name: str) -> str:
    return ".".join(name.split(".")[:2])


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of `graph`, or []."""
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt, [*path, nxt])):
                return found
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return []


def test_no_module_imports_itself_round_about() -> None:
    assert cycle({name: imports(name) for name in MODULES}) == []


def test_no_folder_imports_itself_round_about() -> None:
    graph: dict[str, set[str]] = {}
    for name in MODULES:
        graph.setdefault(folder(name), set()).update(
            folder(other) for other in imports(name) if folder(other) != folder(name)
        )
    assert cycle(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


BELOW_CLI = sorted(n for n in MODULES if not n.startswith(("parcheck.cli", "parcheck.__main__")))


@pytest.mark.parametrize("name", BELOW_CLI)
def test_below_the_command_line_nothing_prints_exits_or_reads_the_clock(name: str) -> None:
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [a.name for a in node.names]
            bad += [n for n in names if n.split(".")[0] == "typer"]
        elif isinstance(node, ast.Call):
            func = ast.unparse(node.func)
            if func in {"print", "sys.exit", "exit", "input"} or func.endswith(
                (".now", ".today", ".utcnow", "time.time")
            ):
                bad.append(func)
        elif isinstance(node, ast.Attribute) and ast.unparse(node) in {"sys.stdout", "sys.stderr"}:
            bad.append(ast.unparse(node))
    assert bad == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_the_architecture_page_names_every_module(name: str) -> None:
    page = (SRC.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    parts = name.split(".")
    if name == "parcheck":
        shown = "__init__.py"
    else:
        shown = parts[-1] + ("/" if MODULES[name].name == "__init__.py" else ".py")
    assert f" {shown} " in page or f" {shown}\n" in page, shown
