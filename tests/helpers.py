"""Helpers for tests that look into a built store with SPARQL."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.vocab import PREFIXES

BASE = "http://localhost:8000/"
PREFIX_LINES = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT over the union of all graphs, each term by its value."""
    results = store.query(PREFIX_LINES + "\n" + query, use_default_graph_as_union=True)
    assert isinstance(results, ox.QuerySolutions)
    names = [v.value for v in results.variables]
    rows = [{n: s[n].value for n in names if s[n] is not None} for s in results]
    # The union of graphs repeats a triple once per graph that states it; RDF merge does not.
    unique: list[dict[str, str]] = []
    for row in rows:
        if row not in unique:
            unique.append(row)
    return unique


def ask(store: ox.Store, query: str) -> bool:
    result = store.query(PREFIX_LINES + "\n" + query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QueryBoolean)
    return bool(result)


def open_store(folder: Path) -> ox.Store:
    return ox.Store.read_only(str(folder / "oxigraph"))


def iri(kind: str, slug: str) -> str:
    return f"{BASE}id/{kind}/{slug}"
