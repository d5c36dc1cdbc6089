"""A remote SPARQL 1.1 store (Virtuoso, Fuseki, GraphDB) behind the store interface.

Reads go through the SPARQL 1.1 Protocol: results come back as SPARQL XML (or N-Triples
for CONSTRUCT and DESCRIBE) and are parsed by pyoxigraph, so callers get the same
QuerySolutions, QueryBoolean and QueryTriples objects as from the embedded store.

Writes replace a whole graph per request: a Graph Store Protocol PUT when the store has
one (Virtuoso: ``/sparql-graph-crud``), else one SPARQL Update request of ``DROP SILENT
GRAPH`` and ``INSERT DATA``. Each graph is replaced atomically; several graphs in one
call are not (one request each). On Virtuoso only the PUT is atomic: it runs the drop
and the load in one transaction (a PUT that fails leaves the old graph), while an update
request of two operations commits the drop even if the insert fails, and refuses an
``INSERT DATA`` of more than about 5,000 lines.

Virtuoso differs from Oxigraph in ways this module hides: its own system graphs
(``virtrdf#``, ``ldp#``, ...) are left out of patterns, graph names, counts and exports
(a query that names no graph still reads them, as part of the union: Virtuoso's
``input:*-graph-exclude`` pragmas would hide them but break ``GRAPH <iri>`` patterns);
its blank nodes are ``nodeID://`` names (mapped to blank nodes, and back in patterns);
its JSON results write booleans as 1 and 0 (XML results are exact). It keeps integers,
decimals and booleans in their canonical form only, lower-cases language tags (as
Oxigraph does) and cannot store ``xsd:duration``: the graphs kg writes use canonical
forms and no durations, so they round-trip exactly.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlencode, urljoin

import httpx
import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.store import union
from kg.store.address import StoreAddress
from kg.store.base import GraphStore, ntriples
from kg.store.protocol import Bound, GraphName
from kg.store.sparql_text import bind, graphs_named, names_dataset, query_form
from kg.store.union import UNION_GRAPH
from kg.vocab import RDF

#: The graph that marks a write in progress: set in the request that begins a write,
#: cleared in the one that ends it; a store found marked had a write cut off between
#: its requests, and its union graph is made again when it is next opened for writing.
WRITING_GRAPH = "urn:x-minutes-kg:writing"
_MARK = f"GRAPH <{WRITING_GRAPH}> {{ <{UNION_GRAPH}> <{WRITING_GRAPH}> true }}"

#: Virtuoso's own graphs, kept out of every answer.
VIRTUOSO_SYSTEM_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
    "http://www.w3.org/2002/07/owl#",
)
RESULTS_XML = "application/sparql-results+xml"
NTRIPLES = "application/n-triples"
#: Seconds to connect and to wait for an answer when no query time limit is given.
DEFAULT_TIMEOUT = 300.0
_UPDATE_HINT = (
    'Virtuoso: grant updates to the SPARQL user (isql: GRANT SPARQL_UPDATE TO "SPARQL";)'
    " or use the /sparql-auth endpoint with KG_STORE_USER and KG_STORE_PASSWORD"
)


class RemoteStoreError(StoreError, OSError):
    """The remote store could not be reached, refused, or did not answer SPARQL (an
    OSError too, as pyoxigraph's I/O errors are, so callers treat both alike)."""


class RemoteQueryError(QueryError, SyntaxError):
    """The remote store did not accept the query's syntax."""


class RemoteTimeout(RemoteStoreError):
    """The remote store stopped the query at its time limit."""


class Dialect(StrEnum):
    VIRTUOSO = "virtuoso"
    GENERIC = "generic"


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str
    graph_store: str | None
    dialect: Dialect


def credentials() -> httpx.Auth | None:
    """The credentials in ``KG_STORE_USER``/``KG_STORE_PASSWORD``, if set."""
    user, password = os.environ.get("KG_STORE_USER"), os.environ.get("KG_STORE_PASSWORD")
    if not user:
        return None
    if os.environ.get("KG_STORE_AUTH", "digest").lower() == "basic":
        return httpx.BasicAuth(user, password or "")
    return httpx.DigestAuth(user, password or "")


class RemoteQueries:
    """The reading side of a remote store, with pyoxigraph.Store's reading methods."""

    def __init__(
        self, endpoints: Endpoints, client: httpx.Client, *, timeout: float | None = None
    ) -> None:
        self.endpoints = endpoints
        self.client = client
        self.timeout = timeout
        virtuoso = endpoints.dialect is Dialect.VIRTUOSO
        #: Graphs left out of patterns, graph names, counts and exports: the union graph
        #: (`kg.store.union`) and the store's own.
        self.system = (
            UNION_GRAPH,
            WRITING_GRAPH,
            *(VIRTUOSO_SYSTEM_GRAPHS if virtuoso else ()),
        )

    # -- the SPARQL protocol

    def query(
        self,
        query: str,
        *,
        use_default_graph_as_union: bool = False,
        default_graph: GraphName | list[GraphName] | None = None,
        named_graphs: list[ox.NamedNode | ox.BlankNode] | None = None,
        substitutions: dict[ox.Variable, Bound] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a query on the store. Without a dataset (``default_graph``/``named_graphs``
        or FROM) the default graph is the union graph (`kg.store.union`), the union of
        the named graphs as a set, named as the protocol's ``default-graph-uri``; with
        ``use_default_graph_as_union`` it is the store's own default graph (Virtuoso's:
        the union as a bag)."""
        form = query_form(query)
        text = bind(query, substitutions) if substitutions else query
        fields: list[tuple[str, str]] = []
        own = default_graph is not None or named_graphs is not None or names_dataset(query)
        if not own and not use_default_graph_as_union:
            fields = self._union_dataset(text)
        defaults = default_graph if isinstance(default_graph, list) else [default_graph]
        for graph in defaults:
            if isinstance(graph, ox.NamedNode):
                fields.append(("default-graph-uri", graph.value))
        for graph in named_graphs or []:
            if isinstance(graph, ox.NamedNode):
                fields.append(("named-graph-uri", graph.value))
        graphs = form in ("CONSTRUCT", "DESCRIBE")
        body = self._post_query(text, fields, NTRIPLES if graphs else RESULTS_XML)
        if graphs:
            return self._triples(body)
        try:
            return ox.parse_query_results(self._blank_nodes(body), ox.QueryResultsFormat.XML)
        except (SyntaxError, ValueError) as exc:
            raise RemoteStoreError(
                f"{self.endpoints.query} did not answer in SPARQL results XML: {exc}"
            ) from exc

    @staticmethod
    def _union_dataset(text: str) -> list[tuple[str, str]]:
        """The protocol fields that make the union graph the query's default graph.
        Virtuoso, given a default graph, still lets ``GRAPH ?g`` range over every graph
        (the union graph among them: its ``input:named-graph-exclude`` pragma would empty
        the default graph too) but ``GRAPH <iri>`` only over the named graphs listed, so
        each IRI the query names in a GRAPH pattern is listed."""
        fields = [("default-graph-uri", UNION_GRAPH)]
        fields += [("named-graph-uri", graph) for graph in graphs_named(text)]
        return fields

    def _post_query(self, text: str, fields: list[tuple[str, str]], accept: str) -> bytes:
        data = [("query", text), *fields]
        if self.timeout is not None and self.endpoints.dialect is Dialect.VIRTUOSO:
            data.append(("timeout", str(int(self.timeout * 1000))))
        response = self._send("POST", self.endpoints.query, data=data, accept=accept)
        if response.headers.get("x-sql-state") == "S1TAT":  # Virtuoso's partial answer
            raise RemoteTimeout(
                f"the store stopped the query at its time limit ({self.timeout} s)",
                hint="add a LIMIT, or make the patterns more selective",
            )
        if response.status_code == 400:
            raise RemoteQueryError(f"the store did not accept the query: {_brief(response)}")
        _check(response, self.endpoints.query)
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if kind != accept:
            raise RemoteStoreError(
                f"{self.endpoints.query} answered {kind or 'no content type'}, not {accept}",
                hint="is this the address of a SPARQL query endpoint?",
            )
        return response.content

    def _send(
        self,
        method: str,
        url: str,
        *,
        accept: str = "*/*",
        data: list[tuple[str, str]] | None = None,
        content: bytes | None = None,
        params: dict[str, str] | None = None,
        content_type: str | None = None,
    ) -> httpx.Response:
        headers = {"Accept": accept}
        if data is not None:
            content = urlencode(data).encode()
            content_type = "application/x-www-form-urlencoded"
        if content_type:
            headers["Content-Type"] = content_type
        wait = DEFAULT_TIMEOUT if self.timeout is None else self.timeout + 5
        try:
            return self.client.request(
                method,
                url,
                content=content,
                params=params,
                headers=headers,
                timeout=httpx.Timeout(wait, connect=10.0),
            )
        except httpx.TimeoutException as exc:
            raise RemoteTimeout(f"{url} did not answer in {wait:g} s") from exc
        except httpx.HTTPError as exc:
            raise RemoteStoreError(
                f"cannot reach the SPARQL store at {url}: {exc}",
                hint="is the store running, and is the address right?",
            ) from exc

    @staticmethod
    def _blank_nodes(body: bytes) -> bytes:
        """Virtuoso's blank nodes (``nodeID://b1``) as valid blank node names (``b1``)."""
        return re.sub(rb"<bnode>nodeID://", b"<bnode>", body)

    def _triples(self, body: bytes) -> ox.QueryTriples:
        """N-Triples as a real QueryTriples: loaded into a store in memory and read back."""
        memory = ox.Store()
        text = body.replace(b"_:nodeID://", b"_:")
        try:
            memory.load(text, format=ox.RdfFormat.N_TRIPLES)
        except (SyntaxError, ValueError) as exc:
            raise RemoteStoreError(
                f"{self.endpoints.query} did not answer in N-Triples: {exc}"
            ) from exc
        results = memory.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert isinstance(results, ox.QueryTriples)
        return results

    def update(self, update: str) -> None:
        """Run a SPARQL Update on the store's update endpoint."""
        response = self._send("POST", self.endpoints.update, data=[("update", update)])
        if response.status_code == 400:
            raise RemoteQueryError(f"the store did not accept the update: {_brief(response)}")
        _check(response, self.endpoints.update, update=True)

    # -- index patterns

    def term(self, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
        """A term as query text (Virtuoso's blank nodes by their ``nodeID://`` names)."""
        if isinstance(term, ox.BlankNode) and self.endpoints.dialect is Dialect.VIRTUOSO:
            return f"<nodeID://{term.value}>"
        if isinstance(term, ox.NamedNode | ox.Literal):
            return str(term)
        raise ValueError(f"a remote store cannot look up {term}")

    def quads_for_pattern(
        self,
        subject: ox.NamedNode | ox.BlankNode | ox.Triple | None,
        predicate: ox.NamedNode | None,
        object: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None,
        graph_name: GraphName | None = None,
    ) -> Iterator[ox.Quad]:
        """The quads of the named graphs that match; ``None`` matches anything. The default
        graph is the union graph (`kg.store.union`)."""
        graph = ox.NamedNode(UNION_GRAPH) if isinstance(graph_name, ox.DefaultGraph) else graph_name
        given: dict[str, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None] = {
            "s": subject,
            "p": predicate,
            "o": object,
            "g": graph,
        }
        # a literal is matched by its text and then compared exactly: Virtuoso matches
        # literals in patterns by value (false = 0)
        exact = object if isinstance(object, ox.Literal) else None
        if exact is not None:
            given["o"] = None
        parts = {k: ("?" + k if v is None else self.term(v)) for k, v in given.items()}
        free = [f"?{k}" for k, v in given.items() if v is None]
        where = f"GRAPH {parts['g']} {{ {parts['s']} {parts['p']} {parts['o']} }}"
        if graph_name is None and self.system:
            listed = ", ".join(f"<{g}>" for g in self.system)
            where += f" FILTER(?g NOT IN ({listed}))"
        if exact is not None:  # by its text: Virtuoso's = and sameTerm say false = 0
            where += f" FILTER(STR(?o) = {self.term(ox.Literal(exact.value))})"
        projection = " ".join(free) if free else "(1 AS ?found)"
        results = self._select(f"SELECT {projection} WHERE {{ {where} }}")
        return (
            ox.Quad(
                solution["s"] if subject is None else subject,
                solution["p"] if predicate is None else predicate,
                solution["o"] if object is None else object,
                solution["g"] if graph_name is None else graph_name,
            )
            for solution in results
            if exact is None or solution["o"] == exact
        )

    def _select(self, text: str) -> ox.QuerySolutions:
        body = self._post_query(text, [], RESULTS_XML)
        results = ox.parse_query_results(self._blank_nodes(body), ox.QueryResultsFormat.XML)
        assert isinstance(results, ox.QuerySolutions)
        return results

    def named_graphs(self) -> Iterator[ox.NamedNode | ox.BlankNode]:
        """The names of the graphs that hold a triple (the store's own left out)."""
        for solution in self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            graph = solution["g"]
            if isinstance(graph, ox.NamedNode) and graph.value not in self.system:
                yield graph

    def __len__(self) -> int:
        listed = ", ".join(f"<{g}>" for g in self.system) or "<urn:x-kg:none>"
        found = self._select(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(?g NOT IN ({listed})) }}"
        )
        row = next(iter(found), None)
        count = row["n"] if row is not None else None
        return int(count.value) if isinstance(count, ox.Literal) else 0

    def __iter__(self) -> Iterator[ox.Quad]:
        """Every quad of the store; an error when the store answered fewer (Virtuoso cuts
        answers at its ``ResultSetMaxRows``)."""
        expected = len(self)
        quads = list(self.quads_for_pattern(None, None, None, None))
        if len(quads) < expected:
            raise RemoteStoreError(
                f"the store answered {len(quads)} of its {expected} quads",
                hint="raise Virtuoso's [SPARQL] ResultSetMaxRows above the store's size",
            )
        return iter(quads)


def _brief(response: httpx.Response) -> str:
    text = response.text.strip().splitlines()
    return text[0][:300] if text else f"HTTP {response.status_code}"


def _check(response: httpx.Response, url: str, *, update: bool = False) -> None:
    if response.is_success:
        return
    text = response.text
    refused = response.status_code in (401, 403) or (
        update and re.search(r"permission|SR186|not allowed|access denied", text, re.I)
    )
    if refused:
        raise RemoteStoreError(
            f"the store at {url} refused the update: {_brief(response)}"
            if update
            else f"the store at {url} refused access: {_brief(response)}",
            hint=_UPDATE_HINT if update else "set KG_STORE_USER and KG_STORE_PASSWORD",
        )
    raise RemoteStoreError(
        f"the store at {url} answered HTTP {response.status_code}: {_brief(response)}"
    )


class RemoteStore(GraphStore):
    """A SPARQL 1.1 store, by its address; ``timeout`` limits each query (seconds)."""

    def __init__(
        self,
        address: StoreAddress,
        *,
        read_only: bool = False,
        timeout: float | None = None,
        client: httpx.Client | None = None,
    ) -> None:
        assert address.query_url is not None
        self.address = address
        self.read_only = read_only
        self.client = client or httpx.Client(auth=credentials(), follow_redirects=True)
        probe = RemoteQueries(
            Endpoints(address.query_url, address.query_url, None, Dialect.GENERIC), self.client
        )
        dialect = _dialect(probe, address.query_url)
        graph_store = address.graph_store_url
        if graph_store is None and dialect is Dialect.VIRTUOSO:
            secured = address.query_url.split("?")[0].endswith("-auth")
            graph_store = urljoin(
                address.query_url, "/sparql-graph-crud-auth" if secured else "/sparql-graph-crud"
            )
        self.endpoints = Endpoints(
            address.query_url, address.update_url or address.query_url, graph_store, dialect
        )
        self._raw = RemoteQueries(self.endpoints, self.client, timeout=timeout)
        if not self.has_union():
            if read_only:
                raise StoreError(
                    f"the store at {address} has no union graph <{UNION_GRAPH}> "
                    "(written by an earlier version of kg)",
                    hint="open it once for writing (kg build, kg load or kg remove): that makes it",
                )
            self._raw.update(union.rebuild(UNION_GRAPH, self._raw.system))
        elif not read_only and (self.cut_off() or self._cites()):
            # a write was cut off between its requests; or the union graph holds
            # citations, as an earlier version of kg wrote it
            self.rebuild_union()

    def has_union(self) -> bool:
        """Whether the union graph is there: false only for a store written before it was
        kept (some named graph holds a triple, the union graph none)."""

        def ask(pattern: str) -> bool:
            return bool(self._raw.query(f"ASK {{ {pattern} }}", use_default_graph_as_union=True))

        if ask(f"GRAPH <{UNION_GRAPH}> {{ ?s ?p ?o }}"):
            return True
        listed = ", ".join(f"<{g}>" for g in self._raw.system)
        return not ask(f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g NOT IN ({listed}))")

    def _cites(self) -> bool:
        """Whether the union graph holds citations (see `kg.store.union`)."""
        pattern = f"GRAPH <{UNION_GRAPH}> {{ ?s <{RDF.subject}> ?o }}"
        return bool(self._raw.query(f"ASK {{ {pattern} }}", use_default_graph_as_union=True))

    def cut_off(self) -> bool:
        """Whether a write began and did not end (its mark is still there): the union
        graph may be out of step with the named graphs."""
        return bool(self._raw.query(f"ASK {{ {_MARK} }}", use_default_graph_as_union=True))

    @property
    def raw(self) -> RemoteQueries:
        return self._raw

    def replace_graphs(self, graphs: dict[str, Iterable[ox.Quad]]) -> None:
        """Make each named graph hold exactly its quads: one atomic request per graph,
        with one request before it and one after that keep the union graph."""
        self._writable()
        for iri, quads in sorted(graphs.items()):
            body = ntriples(quads)
            self._raw.update(f"INSERT DATA {{ {_MARK} }} ;\n{union.forget(iri, UNION_GRAPH)}")
            if self.endpoints.graph_store is not None:
                response = self._raw._send(
                    "PUT",
                    self.endpoints.graph_store,
                    params={"graph": iri},
                    content=body,
                    content_type=NTRIPLES,
                )
                _check(response, self.endpoints.graph_store, update=True)
            else:
                self._raw.update(
                    f"DROP SILENT GRAPH <{iri}> ;\n"
                    f"INSERT DATA {{ GRAPH <{iri}> {{\n{body.decode()}}} }}"
                )
            self._raw.update(f"{union.gather(iri, UNION_GRAPH)} ;\nDELETE DATA {{ {_MARK} }}")

    def remove_graph(self, iri: str) -> None:
        """Remove a named graph and everything in it (and from the union graph the triples
        no other graph states)."""
        self._writable()
        self._raw.update(
            f"INSERT DATA {{ {_MARK} }} ;\n{union.forget(iri, UNION_GRAPH)} ;\n"
            f"DROP SILENT GRAPH <{iri}> ;\nDELETE DATA {{ {_MARK} }}"
        )

    def rebuild_union(self) -> None:
        """Fill the union graph again from the named graphs, and clear the mark of a write
        in progress: after a write was cut off between its requests (a remote store's
        writes are not one transaction; opening it for writing does this when marked)."""
        self._writable()
        rebuilt = union.rebuild(UNION_GRAPH, self._raw.system)
        self._raw.update(f"{rebuilt} ;\nDELETE DATA {{ {_MARK} }}")

    def close(self) -> None:
        self.client.close()

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.address} was opened read-only")


def _dialect(probe: RemoteQueries, url: str) -> Dialect:
    """Which store answers at ``url`` (asking it a trivial query); an error when none
    does, or when what answers is not a SPARQL endpoint."""
    response = probe._send("POST", url, data=[("query", "ASK {}")], accept=RESULTS_XML)
    _check(response, url)
    kind = response.headers.get("content-type", "").split(";")[0].strip()
    if kind != RESULTS_XML:
        raise RemoteStoreError(
            f"{url} answered {kind or 'no content type'} to a SPARQL query, not SPARQL results",
            hint="is this the address of a SPARQL query endpoint?",
        )
    server = response.headers.get("server", "")
    return Dialect.VIRTUOSO if "virtuoso" in server.lower() else Dialect.GENERIC
