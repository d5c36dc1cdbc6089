"""Running SPARQL queries on a store and writing their results."""

from __future__ import annotations

from enum import StrEnum

import pyoxigraph as ox

from kg.errors import QueryError
from kg.store.queries import NamedQuery


class ResultFormat(StrEnum):
    """How `kg query` writes results."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    XML = "xml"

    @property
    def results_format(self) -> ox.QueryResultsFormat:
        return {
            ResultFormat.CSV: ox.QueryResultsFormat.CSV,
            ResultFormat.TSV: ox.QueryResultsFormat.TSV,
            ResultFormat.JSON: ox.QueryResultsFormat.JSON,
            ResultFormat.XML: ox.QueryResultsFormat.XML,
        }[self]


Results = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


def run(store: ox.Store, query: NamedQuery, values: dict[str, str] | None = None) -> Results:
    """Run ``query`` over the union of all graphs, with its parameters bound."""
    try:
        return store.query(
            query.text,
            use_default_graph_as_union=True,
            substitutions=query.bindings(values or {}),
        )
    except SyntaxError as exc:
        raise QueryError(f"the query does not parse: {exc}") from exc
    except OSError as exc:
        raise QueryError(f"the query failed: {exc}") from exc


def term_text(term: object) -> str:
    """A term as a table cell: IRIs and literals by their value."""
    if term is None:
        return ""
    value = getattr(term, "value", None)
    return str(value) if value is not None else str(term)


def table(results: ox.QuerySolutions) -> tuple[list[str], list[list[str]]]:
    """Header and rows of solutions, as text."""
    names = [v.value for v in results.variables]
    rows = [[term_text(solution[name]) for name in names] for solution in results]
    return names, rows
