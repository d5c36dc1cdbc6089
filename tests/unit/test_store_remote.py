"""The remote store: its address and how bound values are sent (against a Virtuoso server:
tests/integration/test_store_remote_virtuoso.py)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import UsageError
from kg.store import StoreAddress, StoreKind
from kg.store.sparql_text import bind, query_form


@pytest.mark.parametrize(
    ("text", "kind", "query", "update", "graph_store"),
    [
        ("data/store", StoreKind.FOLDER, None, None, None),
        (
            "sparql+http://127.0.0.1:8890/sparql",
            StoreKind.SPARQL,
            "http://127.0.0.1:8890/sparql",
            None,
            None,
        ),
        (
            "sparql+https://db.example/ds/sparql?update=/ds/update&graph-store=/ds/data",
            StoreKind.SPARQL,
            "https://db.example/ds/sparql",
            "https://db.example/ds/update",
            "https://db.example/ds/data",
        ),
    ],
)
def test_address_is_read_from_the_option(
    text: str, kind: StoreKind, query: str | None, update: str | None, graph_store: str | None
) -> None:
    address = StoreAddress.parse(text)
    assert (address.kind, address.query_url, address.update_url) == (kind, query, update)
    assert address.graph_store_url == graph_store


def test_remote_work_folder_is_named_by_host_and_port() -> None:
    assert StoreAddress.parse("sparql+https://db.example/sparql").work == Path(
        ".kg/remote/db.example-443"
    )
    given = StoreAddress.parse("sparql+http://h:1/sparql", work=Path("w"))
    assert given.work == Path("w")


@pytest.mark.parametrize(
    "text", ["sparql+http://dba:secret@127.0.0.1:8890/sparql", "http://127.0.0.1:8890/sparql"]
)
def test_address_refuses_credentials_and_a_bare_http_url(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        StoreAddress.parse(text)
    assert caught.value.hint


def test_values_open_the_where_group_so_filters_see_them() -> None:
    text = "SELECT ?w ?x WHERE { ?x ?p ?o FILTER(CONTAINS(?o, ?w)) } ORDER BY ?x"
    bound = bind(text, {ox.Variable("w"): ox.Literal('a "b"\n}')})
    assert bound.startswith('SELECT ?w ?x WHERE { VALUES (?w) { ("a \\"b\\"\\n}") } ?x')
    results = ox.Store().query(bound)
    assert isinstance(results, ox.QuerySolutions)


def test_values_skip_braces_in_strings_comments_and_templates() -> None:
    text = '# { not this\nCONSTRUCT { ?s ?p "{" } WHERE { ?s ?p ?o }'
    bound = bind(text, {ox.Variable("s"): ox.NamedNode("http://example.com/s")})
    assert bound.endswith("WHERE { VALUES (?s) { (<http://example.com/s>) } ?s ?p ?o }")
    assert query_form(text) == "CONSTRUCT"
