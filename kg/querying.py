"""A query on a store, as `kg query` runs it: a ``.rq`` file, a named query of
``kg/data/sparql/`` or query text, its parameters bound as RDF terms, a text parameter
looked up in the store's search index (`kg.search`).

The web layer answers the same named queries through its query workers; this is the
one-shot run of the command line, in the caller's process.
"""

from __future__ import annotations

from collections.abc import Mapping

from kg.errors import QueryError, UsageError
from kg.iri import Minter
from kg.resources import DataFolder, data_folder
from kg.search import SearchIndex, found_for
from kg.store import StoreAddress, open_store
from kg.store.prefixes import prefix_hint, undeclared_prefixes
from kg.store.queries import resolve_query
from kg.store.run import Results, run
from kg.vocab import PREFIXES


def query_prefixes(base_iri: str) -> dict[str, str]:
    """The prefixes a query may use undeclared in a hint, and results are shortened by:
    the vocabulary's and those of the minted IRIs under ``base_iri``."""
    return {**PREFIXES, **Minter(base_iri).prefixes()}


def run_query(
    store: StoreAddress, spec: str, values: Mapping[str, str], *, base_iri: str
) -> Results:
    """The results of the query ``spec`` on ``store`` with the parameters ``values``.

    A bad parameter value is refused before anything is looked up; a query that does not
    parse for a prefix it uses without declaring it is a `UsageError` that says which
    declaration to add."""
    given = dict(values)
    named = resolve_query(spec, data_folder(DataFolder.SPARQL))
    raw = open_store(store, read_only=True).raw
    named.bindings(given)  # a bad value is refused before anything is looked up
    found = None
    if named.searched(given) is not None:  # the search index finds the resources
        found = found_for(named, given, SearchIndex.ready(store.work, raw))
    try:
        return run(raw, named, given, found)
    except QueryError as exc:
        missing = undeclared_prefixes(named.text) if "does not parse" in exc.message else []
        if not missing:
            raise
        names = ", ".join(f"{n}:" for n in missing)
        raise UsageError(
            f"the query uses the prefix {names} without declaring it",
            hint=prefix_hint(missing, query_prefixes(base_iri)),
        ) from exc
