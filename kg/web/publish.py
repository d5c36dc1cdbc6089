"""The release metadata on the server, the same documents `kg publish` writes:
``/catalog.ttl`` (DCAT-AP), ``/.well-known/void`` (VoID), ``/context.jsonld`` and
``/sparql.ttl`` (the service description of ``{base}sparql``, as `/sparql` gives it).

Built from the store and the publish settings on first request (the store is read-only
while served). The server has no dump files, so its catalogue names each dump's URL
without size or checksum; everything else is the same as the published files.
"""

from __future__ import annotations

import asyncio
import json

from fastapi import APIRouter, Request
from fastapi.responses import Response
from rdflib import Graph

from kg.publish.dumps import context
from kg.publish.publisher import metadata
from kg.web.errors import HttpError
from kg.web.media import Media, negotiate
from kg.web.site import SERVICE_DESCRIPTION, service_description
from kg.web.state import AppState, state

router = APIRouter(tags=["release metadata"])
#: The RDF formats the metadata answers in (first: the default).
OFFERED = [Media.TURTLE, Media.JSONLD, Media.NTRIPLES, Media.RDFXML]
_RDFLIB = {
    Media.TURTLE: "turtle",
    Media.JSONLD: "json-ld",
    Media.NTRIPLES: "nt",
    Media.RDFXML: "xml",
}


def _graphs(app: AppState, request: Request) -> tuple[Graph, Graph]:
    cached: tuple[Graph, Graph] | None = getattr(request.app.state, "release_metadata", None)
    if cached is None:
        settings = app.settings.publish.model_copy(update={"base_iri": app.settings.base_iri})
        _, catalog, void = metadata(app.store, settings, None)
        cached = (catalog, void)
        request.app.state.release_metadata = cached
    return cached


def _answer(request: Request, graph: Graph) -> Response:
    media = negotiate(request.headers.get("accept"), OFFERED)
    if media is None:
        raise HttpError(406, "this document is available as Turtle, JSON-LD, N-Triples, RDF/XML")
    body = graph.serialize(format=_RDFLIB[media], encoding="utf-8")
    return Response(body, media_type=media.content_type, headers={"Vary": "Accept"})


@router.get("/catalog.ttl", summary="The DCAT-AP catalogue record of the dataset")
async def catalog(request: Request) -> Response:
    app = state(request)
    graph, _ = await asyncio.to_thread(_graphs, app, request)
    return _answer(request, graph)


@router.get("/.well-known/void", summary="The VoID description of the dataset")
async def void(request: Request) -> Response:
    app = state(request)
    _, graph = await asyncio.to_thread(_graphs, app, request)
    return _answer(request, graph)


@router.get("/context.jsonld", summary="The JSON-LD context of the dataset's prefixes")
def jsonld_context(request: Request) -> Response:
    body = json.dumps(context(state(request).settings.base_iri), indent=1, ensure_ascii=False)
    return Response(body + "\n", media_type=Media.JSONLD.content_type)


@router.get(f"/{SERVICE_DESCRIPTION}", summary="The SPARQL service description, in Turtle")
async def sparql_description(request: Request) -> Response:
    app = state(request)
    body = await asyncio.to_thread(service_description, app.store, app.settings.base_iri)
    return Response(body, media_type=Media.TURTLE.content_type)
