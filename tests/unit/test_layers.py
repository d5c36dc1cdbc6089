"""Arrows go one way (STYLE.md): each unit of `kg` imports only what the table of allowed
imports in docs/architecture.md lets it, and that table has no circle.

The table is the design page; this test keeps the code and the page the same. A cycle
between two packages (the publish stage importing the web layer while the web layer
serves the publish stage's metadata) once slipped in.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

from tests.conftest import ROOT

ARCHITECTURE = ROOT / "docs" / "architecture.md"


@cache
def allowed() -> dict[str, frozenset[str]]:
    """Each unit's allowed imports, from the table between the page's markers."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    table = text.split("<!-- imports: begin -->")[1].split("<!-- imports: end -->")[0]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in table.strip().splitlines()[2:]
    ]
    units = {row[0].strip("`"): row for row in rows}
    bottom = {unit for unit, row in units.items() if row[1] == "bottom"}
    result = {}
    for unit, row in units.items():
        names = set(re.findall(r"[\w_]+", row[3])) - {"—"}
        if "everything" in names:
            names = set(units) - {unit, "__main__"}
        if "bottom" in names:
            names = (names - {"bottom"}) | bottom
        result[unit] = frozenset(names - {unit})
    return result


def _unit(path: Path) -> str:
    return path.relative_to(ROOT / "kg").parts[0].removesuffix(".py")


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


def test_the_table_is_read() -> None:
    # Guards the tests below: an unread table would allow nothing, or everything.
    table = allowed()
    assert table["errors"] == frozenset() and "store" in table["web"]
    assert {"errors", "folding", "vocab", "iri"} <= table["parse"]
    assert "web" not in table["publish"] and "linked" in table["publish"]
    assert not {"web", "publish"} & table["linked"]


def test_every_unit_is_in_the_table() -> None:
    units = {_unit(p) for p in MODULES} - {"__init__"}
    missing = sorted(units - allowed().keys())
    assert not missing, f"add these to the table in {ARCHITECTURE.name}: {missing}"


def test_the_table_has_no_circle() -> None:
    graph = nx.DiGraph([(unit, target) for unit, ts in allowed().items() for target in ts])
    assert nx.is_directed_acyclic_graph(graph), nx.find_cycle(graph)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_follow_the_table(path: Path) -> None:
    unit = _unit(path)
    if unit == "__init__":
        return
    table = allowed()
    wrong = [
        f"line {line}: kg.{unit} imports kg.{target}, which {ARCHITECTURE.name} does not allow"
        for line, target in _imports(path)
        if target != unit and target not in table.get(unit, frozenset())
    ]
    assert not wrong, "\n".join(wrong)
