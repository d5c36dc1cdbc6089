"""Kept answers: a named query marked ``# kept: yes`` is answered from what the build
counted, not by evaluating it again.

Such a query is a summary of the whole store with no parameter that narrows it (say, every
organisation with the number of items its people presented): its evaluation walks every
matching fact of the corpus while its answer stays a few dozen rows, so its cost grows
with the corpus and not with the answer. The build runs it once, after loading, and keeps
the answer (SPARQL JSON results, with the SHA-256 of the query's text) in the statistics
graph beside the list pages' rows (`kg.stats`); a run without parameters reads the answer
back, in time that follows the answer.

The answer is never stale: every write of the store that changes what the documents say
(a build that loaded or removed documents, a load of reference data) counts the statistics
graph again, answers included, in the same step that the list pages rely on. A query
whose text differs from the one counted (a newer release of the package, a user's own
``.rq`` file) is evaluated as usual, as is a store no build has counted, and any run with
a parameter.
"""

from __future__ import annotations

import hashlib
import json

import pyoxigraph as ox

from kg.errors import QueryError
from kg.iri import STATISTICS
from kg.store.protocol import QueryStore
from kg.store.queries import NamedQuery
from kg.vocab import DCT, RDF

#: The statistics subset of a kept answer is identified as this followed by the query's name.
IDENTIFIER = "answer:"
_JSON = ox.QueryResultsFormat.JSON


def digest(query: NamedQuery) -> str:
    """What identifies the text a kept answer was counted with."""
    return hashlib.sha256(query.text.encode()).hexdigest()


def identifier(query: NamedQuery) -> str:
    """The ``dct:identifier`` of ``query``'s kept answer in the statistics graph."""
    return f"{IDENTIFIER}{query.name}"


def count(store: QueryStore, query: NamedQuery) -> str:
    """``query``'s answer over ``store``'s default graph, as the JSON text kept for it:
    ``{"query": digest, "results": SPARQL JSON results}``."""
    results = store.query(query.text)
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError(f"query {query.name} is marked kept but is not a SELECT query")
    body = results.serialize(format=_JSON) or b"{}"
    return json.dumps(
        {"query": digest(query), "results": json.loads(body)},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def kept(store: QueryStore, query: NamedQuery) -> ox.QuerySolutions | None:
    """``query``'s answer as the build kept it; None when it keeps none for this text."""
    if not query.kept:
        return None
    wanted = ox.Literal(identifier(query))
    for found in store.quads_for_pattern(None, ox.NamedNode(DCT.identifier), wanted, None):
        graph = found.graph_name
        if not isinstance(graph, ox.NamedNode) or not graph.value.endswith(STATISTICS):
            continue  # only the statistics graph's (`kg.iri.statistics_graph`) is the build's
        if not isinstance(found.subject, ox.NamedNode):
            continue
        for value in store.quads_for_pattern(found.subject, ox.NamedNode(RDF.value), None, graph):
            if isinstance(value.object, ox.Literal):
                answer = _answer(value.object.value, query)
                if answer is not None:
                    return answer
    return None


def _answer(text: str, query: NamedQuery) -> ox.QuerySolutions | None:
    """The solutions of a kept text counted for ``query``'s text; None otherwise."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("query") != digest(query):
        return None
    body = json.dumps(data.get("results"), ensure_ascii=False).encode()
    try:
        parsed = ox.parse_query_results(body, format=_JSON)
    except (SyntaxError, ValueError):
        return None
    return parsed if isinstance(parsed, ox.QuerySolutions) else None
