"""The package's shape: no import cycles (function-level imports included), only the MkDocs
glue imports mkdocs, and rules import neither the configuration loader nor a command."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module of the package this file imports, at any depth of the code."""
    name = _module(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if not target.startswith("generator"):
                continue
            for alias in node.names:  # `from . import x` imports the submodule x
                sub = f"{target}.{alias.name}"
                found.add(sub if (PACKAGE.parent / (sub.replace(".", "/") + ".py")).exists()
                          or (PACKAGE.parent / sub.replace(".", "/")).is_dir() else target)  # fmt: skip
    return found - {name}


def graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_there_are_no_import_cycles():
    edges = graph()
    assert len(edges) > 40  # the whole package was read
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if nxt not in edges:
                continue
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert cycles == []


def test_only_the_glue_imports_mkdocs():
    importers = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and not node.level
                else []
            )
            if any(n == "mkdocs" or n.startswith("mkdocs.") for n in names):
                importers.append(_module(path))
    assert sorted(set(importers)) == ["generator.mkdocs_hooks"]


def test_rules_import_no_loader_and_no_command():
    edges = graph()
    rules = [m for m in edges if m.startswith("generator.rules.") and m != "generator.rules"]
    assert len(rules) >= 20
    forbidden = {"generator.config", "generator.cli", "generator.codeowners_cmd",
                 "generator.diffcmd", "generator.publish", "generator.check"}  # fmt: skip
    for rule in rules:
        assert not edges[rule] & forbidden, (rule, edges[rule] & forbidden)


def test_the_check_stage_does_not_reach_into_rendering():
    edges = graph()
    early = ["generator.loader", "generator.workspace", "generator.check", "generator.model"]
    late = {m for m in edges if m.startswith("generator.site")} | {
        "generator.publish", "generator.mkdocs_hooks", "generator.charts",
    }  # fmt: skip
    for module in early:
        assert not edges[module] & late, (module, edges[module] & late)
