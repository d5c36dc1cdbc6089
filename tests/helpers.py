"""Helpers for tests that look into a built store with SPARQL."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.store.run import distinct_rows
from kg.vocab import PREFIXES

BASE = "http://localhost:8000/"
PREFIX_LINES = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT over the default graph, each term by its value, no repeats."""
    return distinct_rows(store, query)


def ask(store: ox.Store, query: str) -> bool:
    result = store.query(PREFIX_LINES + "\n" + query)
    assert isinstance(result, ox.QueryBoolean)
    return bool(result)


def open_store(folder: Path) -> ox.Store:
    return ox.Store.read_only(str(folder / "oxigraph"))


def iri(kind: str, slug: str) -> str:
    return f"{BASE}id/{kind}/{slug}"
