"""Arrows go one way (STYLE.md): a package imports only the stages below it.

A cycle between two packages (the publish stage importing the web layer while the web
layer serves the publish stage's metadata) once slipped in; this keeps the order.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

#: Each top-level module or package of kg, by its place in the flow: it may import only
#: what stands on a lower rank.
RANKS = {
    "errors": -1,
    "settings": 0,
    "vocab": 0,
    "folding": 0,
    "resources": 0,
    "language": 0,
    "extras": 0,
    "harvest": 5,
    "ingest": 1,
    "parse": 2,
    "extract": 3,
    "resolve": 4,
    "rdf": 5,
    "validate": 5,
    "synth": 5,
    "store": 6,
    "graphs": 7,
    "publish": 7,
    "report": 6,
    "reading": 7,
    "loading": 7,
    "removal": 7,
    "stats": 7.5,  # counts the relation graphs too
    "pipeline": 8,
    "evaluate": 8,
    "web": 8,
    "cli": 9,
    "__main__": 10,
}


def _unit(path: Path) -> str:
    parts = path.relative_to(ROOT / "kg").parts
    return parts[0].removesuffix(".py")


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names, line = [node.module], node.lineno
        elif isinstance(node, ast.Import):
            names, line = [alias.name for alias in node.names], node.lineno
        else:
            continue
        for name in names:
            if name.startswith("kg."):
                yield line, name.split(".")[1]


MODULES = sorted((ROOT / "kg").rglob("*.py"))


def test_every_unit_has_a_rank() -> None:
    units = {_unit(p) for p in MODULES} - {"__init__"}
    assert units <= RANKS.keys(), f"give these a rank in RANKS: {sorted(units - RANKS.keys())}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_down(path: Path) -> None:
    unit = _unit(path)
    if unit == "__init__":
        return
    upward = [
        f"line {line}: kg.{target} (rank {RANKS.get(target)}) from kg.{unit} (rank {RANKS[unit]})"
        for line, target in _imports(path)
        if target != unit and RANKS.get(target, 99) >= RANKS[unit]
    ]
    assert not upward, "\n".join(upward)
