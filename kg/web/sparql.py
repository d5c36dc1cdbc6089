"""The SPARQL 1.1 Protocol at ``/sparql``: queries only, with limits, and no SERVICE
call to an endpoint the settings do not name.

Before a query runs, a small lexer (strings, IRIs and comments understood) finds its form
(to offer the right media types), its FROM clauses, any update and every SERVICE with
its endpoint. Whether that lexer missed a SERVICE does not rest on it alone: the worker
first parses the query with every SERVICE keyword it did not approve made a syntax error
(`QueryShape.probe`), so a SERVICE only Oxigraph sees makes the query fail, not connect.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.applications import Starlette

from kg.errors import QueryError
from kg.formats import Media
from kg.linked.service import GRAPHS, RESULTS, description, endpoint_page, serialize
from kg.store.sparql_text import Token, absolute_iri, check_nesting, tokens
from kg.web.errors import HttpError
from kg.web.media import negotiate
from kg.web.runner import Job, QueryRunner, RunnerError
from kg.web.state import state

DESCRIPTION = [Media.TURTLE, Media.JSONLD, Media.NTRIPLES, Media.RDFXML, Media.HTML]
#: The largest POST body read, in bytes.
MAX_BODY = 1 << 20

#: The ``format=`` names, in the order an error message lists them.
_FORMAT_NAMES = tuple(m.suffix for m in (*RESULTS, *GRAPHS) if m.suffix)
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
_READ_ONLY = "this endpoint is read-only: it answers queries, never updates"

router = APIRouter(tags=["SPARQL"])


# The checks before a query runs (the lexer is the store's: `kg.store.sparql_text`).

_SERVICE_WORD = re.compile(r"servic(e)", re.IGNORECASE)


@dataclass(frozen=True)
class QueryShape:
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    has_dataset: bool  # the query says FROM or FROM NAMED
    probe: str | None  # what the worker parses first (None: no "service" in the text)


def inspect_query(text: str, allowlist: Collection[str]) -> QueryShape:
    """The form of a query; `HttpError` 400 for an update, an empty query, or a SERVICE
    to an endpoint not in ``allowlist`` (a variable or relative endpoint never is)."""
    found = list(tokens(text))
    if not found:
        raise HttpError(400, "the query is empty")
    try:
        check_nesting(text)  # before any parser recurses into it
    except QueryError as exc:
        raise HttpError(400, exc.message, hint=exc.hint) from exc
    prefixes: dict[str, str | None] = {}
    i = 0
    while i < len(found) and found[i].keyword in ("BASE", "PREFIX", "VERSION"):
        if found[i].keyword == "PREFIX" and i + 2 < len(found):
            prefixes[found[i + 1].text.rstrip(":")] = absolute_iri(found[i + 2].text[1:-1])
            i += 3
        else:
            i += 2
    form = found[i].keyword if i < len(found) else ""
    if form in _UPDATES:
        raise HttpError(400, f"{_READ_ONLY} ({form} is an update)", hint="send SELECT, ASK, ...")
    if form not in _FORMS:
        shown = found[i].text if i < len(found) else "nothing"
        raise HttpError(
            400,
            f"the query does not parse: it must be a SELECT, ASK, CONSTRUCT or DESCRIBE "
            f"(after any PREFIX and BASE), not {shown[:40]!r}",
        )
    approved = {t.start for t in _services(found, prefixes, allowlist)}
    probe = None
    if _SERVICE_WORD.search(text):
        probe = _SERVICE_WORD.sub(
            lambda m: m[0] if m.start() in approved else m[0][:-1] + chr(ord(m[1]) + 1), text
        )
    return QueryShape(form, any(t.keyword == "FROM" for t in found), probe)


def _services(
    found: list[Token], prefixes: dict[str, str | None], allowlist: Collection[str]
) -> Iterator[Token]:
    """Each SERVICE keyword, once its endpoint is known to be allowed."""
    for i, token in enumerate(found):
        if token.keyword != "SERVICE":
            continue
        at = i + 2 if i + 1 < len(found) and found[i + 1].keyword == "SILENT" else i + 1
        target = found[at] if at < len(found) else None
        endpoint = None
        if target is not None and target.kind == "iri":
            endpoint = absolute_iri(target.text[1:-1])
        elif target is not None and target.kind == "pname":
            prefix, _, local = target.text.partition(":")
            namespace = prefixes.get(prefix)
            endpoint = namespace + re.sub(r"\\(.)", r"\1", local) if namespace else None
        if endpoint is None or endpoint not in allowlist:
            shown = f"<{endpoint}>" if endpoint else target.text if target else "nothing"
            raise HttpError(
                400,
                f"SERVICE is not allowed to {shown}",
                hint="the server calls only the SPARQL endpoints its settings allow"
                + (f": {', '.join(sorted(allowlist))}" if allowlist else " (none)"),
            )
        yield token


# The protocol.


def query_runner(app: Starlette) -> QueryRunner:
    """The application's query runner, started on first use."""
    runner: QueryRunner | None = getattr(app.state, "sparql_runner", None)
    if runner is None:
        runner = QueryRunner.from_settings(app.state.kg.settings)
        app.state.sparql_runner = runner
    return runner


def close_runner(app: Starlette) -> None:
    """Stop the query workers (for the application's shutdown)."""
    runner: QueryRunner | None = getattr(app.state, "sparql_runner", None)
    if runner is not None:
        app.state.sparql_runner = None
        runner.close()


def _form_fields(raw: bytes) -> list[tuple[str, str]]:
    try:
        return parse_qsl(raw.decode(), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as exc:
        raise HttpError(400, "the parameters are not UTF-8", hint="percent-encode UTF-8") from exc


async def _body(request: Request) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise HttpError(413, f"the request body is larger than {MAX_BODY} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _param(name: str, where: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": where, "description": description, "schema": {"type": "string"}}


_PARAMS = [
    _param("query", "query", "the SPARQL query (none: the service description)"),
    _param("default-graph-uri", "query", "a graph of the default graph (repeatable)"),
    _param("named-graph-uri", "query", "a named graph of the dataset (repeatable)"),
    _param("format", "query", "json, xml, csv, tsv; ttl, nt, jsonld, rdf (overrides Accept)"),
]


@router.get(
    "/sparql",
    summary="SPARQL query (without one: the service description)",
    openapi_extra={"parameters": _PARAMS},
)
async def sparql_get(request: Request) -> Response:
    fields = _form_fields(request.scope["query_string"])
    if not any(name in ("query", "update") for name, _ in fields):
        return await _service_description(request, fields)
    return await _answer(request, fields, None)


@router.post(
    "/sparql",
    summary="SPARQL query by POST (form or application/sparql-query)",
    openapi_extra={
        "parameters": _PARAMS[1:],
        "requestBody": {
            "content": {
                "application/sparql-query": {"schema": {"type": "string"}},
                "application/x-www-form-urlencoded": {
                    "schema": {"type": "object", "properties": {"query": {"type": "string"}}}
                },
            }
        },
    },
)
async def sparql_post(request: Request) -> Response:
    fields = _form_fields(request.scope["query_string"])
    kind, _, rest = request.headers.get("content-type", "").partition(";")
    kind = kind.strip().lower()
    if kind == "application/sparql-update":
        raise HttpError(400, _READ_ONLY)
    if kind not in ("application/x-www-form-urlencoded", "application/sparql-query"):
        raise HttpError(
            415,
            f"a query is POSTed as application/x-www-form-urlencoded or "
            f"application/sparql-query, not {kind or 'without a Content-Type'}",
        )
    body = await _body(request)
    if kind == "application/x-www-form-urlencoded":
        return await _answer(request, fields + _form_fields(body), None)
    charset = re.search(r"charset\s*=\s*\"?([\w-]+)", rest, re.IGNORECASE)
    if charset and charset[1].lower() not in ("utf-8", "utf8"):
        raise HttpError(415, f"a query is sent in UTF-8, not {charset[1]}")
    try:
        text = body.decode()
    except UnicodeDecodeError as exc:
        raise HttpError(400, f"the query is not UTF-8: {exc}") from exc
    return await _answer(request, fields, text)


async def _answer(request: Request, fields: list[tuple[str, str]], body: str | None) -> Response:
    queries = [v for k, v in fields if k == "query"] + ([body] if body is not None else [])
    if any(k == "update" for k, _ in fields):
        raise HttpError(400, _READ_ONLY, hint="the update parameter is not taken here")
    if len(queries) != 1:
        raise HttpError(400, f"a request has one query, this one has {len(queries)}")
    settings = state(request).settings
    shape = inspect_query(queries[0], settings.service_allowlist)
    media = _choose(request, fields, RESULTS if shape.form in ("SELECT", "ASK") else GRAPHS)
    defaults = [v for k, v in fields if k == "default-graph-uri"]
    named = [v for k, v in fields if k == "named-graph-uri"]
    for graph in defaults + named:
        try:
            if absolute_iri(graph) != graph or ox.NamedNode(graph).value != graph:
                raise ValueError(graph)
        except ValueError as exc:
            raise HttpError(400, f"a graph's name is not an absolute IRI: {graph!r}") from exc
    given = bool(defaults or named)  # the protocol's dataset replaces FROM and FROM NAMED
    # relative IRIs resolve against the endpoint's URL; a BASE of the query's own, later
    # in its prologue, wins (SPARQL 1.1 Protocol; on line 1, so that error lines hold)
    base = f"BASE <{request.url.replace(query='', fragment='')}> "
    job = Job(
        base + queries[0],
        media.value,
        default_graphs=tuple(defaults) if given else None,
        named_graphs=tuple(named) if given else None,
        probe=None if shape.probe is None else base + shape.probe,
    )
    try:
        answer = await query_runner(request.app).run(job)
    except RunnerError as exc:
        raise HttpError(exc.status, exc.message, hint=exc.hint, headers=exc.headers) from exc
    return Response(answer, media_type=media.content_type, headers={"Vary": "Accept"})


def _choose(request: Request, fields: list[tuple[str, str]], offered: list[Media]) -> Media:
    """The media type by the ``format`` parameter, else by ``Accept``; 406 for none."""
    wanted = [v for k, v in fields if k == "format"]
    names = ", ".join(n for n in _FORMAT_NAMES if Media.from_suffix(n) in offered)
    if wanted:
        media = Media.from_suffix(wanted[-1])
        if media is None and wanted[-1] in set(Media):
            media = Media(wanted[-1])
        if media is None or media not in offered:
            raise HttpError(406, f"format={wanted[-1]} is not offered here; use one of {names}")
        return media
    media = negotiate(request.headers.get("accept"), offered)
    if media is None:
        raise HttpError(
            406,
            f"the Accept header allows none of {', '.join(m.value for m in offered)}",
            hint=f"or give format= one of {names}",
        )
    return media


# The service description.


async def _service_description(request: Request, fields: list[tuple[str, str]]) -> Response:
    media = _choose(request, fields, DESCRIPTION)
    endpoint = str(request.url.replace(query="", fragment=""))
    if media is Media.HTML:
        return HTMLResponse(endpoint_page(endpoint), headers={"Vary": "Accept"})
    app = state(request)
    graphs = await asyncio.to_thread(app.graph_sizes)
    triples = description(endpoint, graphs, bool(app.settings.service_allowlist))
    body = serialize(triples, media)
    return Response(body, media_type=media.content_type, headers={"Vary": "Accept"})
