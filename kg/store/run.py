"""Running SPARQL queries on a store and writing their results."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

import pyoxigraph as ox

from kg.errors import QueryError
from kg.formats import Media
from kg.store.kept import kept
from kg.store.protocol import QueryStore
from kg.store.queries import NamedQuery
from kg.vocab import PREFIXES


class ResultFormat(StrEnum):
    """How `kg query` writes results; each but the table is the format of `kg.formats`
    that its name is the suffix of."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    XML = "xml"

    @property
    def results_format(self) -> ox.QueryResultsFormat:
        media = Media.from_suffix(self.value)
        found = media.results_format if media is not None else None
        if found is None:
            raise ValueError(f"{self.value} is not a results format of pyoxigraph")
        return found


Results = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


def run(
    store: QueryStore,
    query: NamedQuery,
    values: dict[str, str] | None = None,
    found: Sequence[str] | None = None,
) -> Results:
    """Run ``query`` over the default graph (the union of all graphs, each triple once:
    `kg.store.union`), with its parameters bound (by VALUES blocks, see
    `kg.store.queries`; ``found``: what the search index found for its text parameter);
    a kept query run without parameters answers what the build counted (`kg.store.kept`).
    `QueryError` when the store refuses or fails it (a query nested too deeply to parse
    safely was refused when it was read: `NamedQuery`)."""
    if not values and found is None and (answer := kept(store, query)) is not None:
        return answer
    text = query.bound(values or {}, found)  # nested no deeper than allowed: NamedQuery
    try:
        return store.query(text)
    except SyntaxError as exc:
        raise QueryError(f"the query does not parse: {exc}") from exc
    except OSError as exc:
        raise QueryError(f"the query failed: {exc}") from exc


def distinct_rows(store: QueryStore, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT over the default graph, each term by its value, without repeats
    (two solutions that differ only in a term's kind or datatype are one row). The
    vocabulary's prefixes are declared for the query."""
    header = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())
    results = store.query(f"{header}\n{query}")
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError("distinct_rows takes a SELECT query")
    names = [v.value for v in results.variables]
    seen: set[tuple[tuple[str, str], ...]] = set()
    rows: list[dict[str, str]] = []
    for solution in results:
        row = {n: term.value for n in names if (term := solution[n]) is not None}
        key = tuple(sorted(row.items()))
        if key not in seen:
            seen.add(key)
            rows.append(row)
    return rows


def compact(iri: str, prefixes: dict[str, str]) -> str:
    """``iri`` as a prefixed name when a prefix covers it (the longest wins).

    >>> compact("http://localhost:8000/id/person/gry-ravn", {"person": "http://localhost:8000/id/person/"})
    'person:gry-ravn'
    """
    best = max((ns for ns in prefixes.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    name = next(p for p, ns in prefixes.items() if ns == best)
    return f"{name}:{iri[len(best) :]}"


def term_text(term: object, prefixes: dict[str, str] | None = None) -> str:
    """A term as a table cell: IRIs (compacted when prefixes are given) and literals by
    their value."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode) and prefixes:
        return compact(term.value, prefixes)
    value = getattr(term, "value", None)
    return str(value) if value is not None else str(term)


def table(
    results: ox.QuerySolutions, prefixes: dict[str, str] | None = None
) -> tuple[list[str], list[list[str]]]:
    """Header and rows of solutions, as text."""
    names = [v.value for v in results.variables]
    rows = [[term_text(solution[name], prefixes) for name in names] for solution in results]
    return names, rows
