"""Named queries as an API: each file of ``kg/data/sparql/`` is ``/api/queries/{name}``.

Parameters are checked and written as RDF terms into VALUES blocks (see
`kg.store.queries`), never spliced into the query's own text, and each query is its own
route so that the OpenAPI document lists it with its parameters.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from kg.errors import UsageError
from kg.formats import Media
from kg.resources import data_folder
from kg.search import found_for
from kg.store import QueryStore
from kg.store.kept import kept
from kg.store.queries import NamedQuery, ParamKind, catalogue
from kg.web.errors import HttpError
from kg.web.media import negotiate
from kg.web.runner import Job, QueryRunner, RunnerError
from kg.web.sparql import query_runner
from kg.web.state import state

OFFERED = [Media.SPARQL_JSON, Media.JSON, Media.CSV, Media.TSV, Media.SPARQL_XML]
_SCHEMA = {
    ParamKind.IRI: {"type": "string", "format": "uri"},
    ParamKind.DATE: {"type": "string", "format": "date"},
    ParamKind.INTEGER: {"type": "integer"},
    ParamKind.STRING: {"type": "string"},
    ParamKind.TEXT: {"type": "string"},
}


def _listing(request: Request) -> JSONResponse:
    """Every named query with its title, description, parameters and address."""
    queries = state(request).queries
    return JSONResponse(
        [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "url": str(request.url_for(f"query:{q.name}")),
                "parameters": [
                    {
                        "name": p.name,
                        "kind": p.kind.value,
                        "required": p.required,
                        "description": p.description,
                    }
                    for p in q.params
                ],
                "sparql": q.text,
            }
            for q in queries.values()
        ]
    )


def _endpoint(name: str) -> Any:
    async def answer(request: Request) -> Response:
        query: NamedQuery = state(request).queries[name]
        values = {k: v for k, v in request.query_params.items() if k != "format"}
        wanted = request.query_params.get("format")
        media = (
            Media.from_suffix(wanted)
            if wanted
            else negotiate(request.headers.get("accept"), OFFERED)
        )
        if media is None or media not in OFFERED:
            raise HttpError(406, "this query answers SPARQL JSON, JSON, CSV, TSV or XML")
        try:
            query.bindings(values)  # a bad value is refused before anything is looked up
            found = None
            if query.searched(values) is not None:  # the search index finds the resources
                index = await asyncio.to_thread(state(request).search_index)
                found = await asyncio.to_thread(found_for, query, values, index)
            text = query.bound(values, found)  # values and resources in VALUES blocks
        except UsageError as exc:
            raise HttpError(400, exc.message, hint=exc.hint) from exc
        runner = query_runner(request.app)
        try:
            body = None
            if query.kept and not values:  # counted by the build (`kg.store.kept`)
                body = await asyncio.to_thread(_kept, state(request).store, query, runner, media)
            if body is None:
                body = await runner.run(Job(text, media.value, checked=True))  # checked: NamedQuery
        except RunnerError as exc:
            raise HttpError(exc.status, exc.message, hint=exc.hint, headers=exc.headers) from exc
        return Response(body, media_type=media.content_type)

    answer.__name__ = f"query_{name.replace('-', '_')}"
    return answer


def _kept(store: QueryStore, query: NamedQuery, runner: QueryRunner, media: Media) -> bytes | None:
    """The answer the build kept for ``query``, written as ``media``; None when it kept
    none. In one thread: the store's solutions may not cross threads."""
    answer = kept(store, query)
    return None if answer is None else runner.written(answer, media.value)


def _openapi(query: NamedQuery) -> dict[str, Any]:
    parameters = [
        {
            "name": p.name,
            "in": "query",
            "required": p.required,
            "description": p.description,
            "schema": _SCHEMA[p.kind],
        }
        for p in query.params
    ]
    parameters.append(
        {
            "name": "format",
            "in": "query",
            "required": False,
            "description": "json, csv, tsv or xml (overrides the Accept header)",
            "schema": {"type": "string", "enum": ["json", "csv", "tsv", "xml"]},
        }
    )
    media: dict[str, dict[str, object]] = {m.value: {} for m in OFFERED}
    return {
        "parameters": parameters,
        "responses": {"200": {"description": query.title, "content": media}},
    }


def make_router() -> APIRouter:
    """The router with a route per named query found in ``kg/data/sparql/``."""
    router = APIRouter(tags=["named queries"])
    router.add_api_route(
        "/api/queries", _listing, methods=["GET"], summary="List the named queries"
    )
    for query in catalogue(data_folder("sparql")).values():
        router.add_api_route(
            f"/api/queries/{query.name}",
            _endpoint(query.name),
            methods=["GET"],
            name=f"query:{query.name}",
            summary=query.title,
            description=query.description,
            openapi_extra=_openapi(query),
        )
    return router
