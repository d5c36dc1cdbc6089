"""The release metadata on the server, the same documents `kg publish` writes:
``/catalog.ttl`` (DCAT-AP), ``/.well-known/void`` (VoID), ``/context.jsonld`` and
``/sparql.ttl`` (the service description of ``{base}sparql``, as `/sparql` gives it).

Built from the store and the publish settings on first request and kept by the app
state (the store is read-only while served). The dumps the catalogue and VoID name
(``/dumps/...``) are written to a temporary folder on the first request for one, and
served from there; the catalogue names their URLs without size or checksum, everything
else is as in the published files.
"""

from __future__ import annotations

import asyncio
import json

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response
from rdflib import Graph

from kg.formats import Media
from kg.linked.service import service_description
from kg.publish.dumps import SUMS, DumpFormat, context
from kg.publish.site import SERVICE_DESCRIPTION
from kg.web.errors import HttpError
from kg.web.media import negotiate
from kg.web.state import state

router = APIRouter(tags=["release metadata"])
#: The RDF formats the metadata answers in (first: the default).
OFFERED = [Media.TURTLE, Media.JSONLD, Media.NTRIPLES, Media.RDFXML]
#: The files under /dumps/ besides the dumps themselves.
_DUMP_FILES = {SUMS: "text/plain; charset=utf-8", "dumps.json": "application/json"}


def _answer(request: Request, graph: Graph) -> Response:
    media = negotiate(request.headers.get("accept"), OFFERED)
    if media is None:
        raise HttpError(406, "this document is available as Turtle, JSON-LD, N-Triples, RDF/XML")
    body = graph.serialize(format=str(media.row.rdflib), encoding="utf-8")
    return Response(body, media_type=media.content_type, headers={"Vary": "Accept"})


@router.get("/catalog.ttl", summary="The DCAT-AP catalogue record of the dataset")
async def catalog(request: Request) -> Response:
    app = state(request)
    graph, _ = await asyncio.to_thread(app.release_metadata)
    return _answer(request, graph)


@router.get("/.well-known/void", summary="The VoID description of the dataset")
async def void(request: Request) -> Response:
    app = state(request)
    _, graph = await asyncio.to_thread(app.release_metadata)
    return _answer(request, graph)


@router.get(
    "/dumps/{name}",
    summary="A dump of the whole store, as the catalogue names it (made on first request)",
    response_class=FileResponse,
    responses={404: {"description": "No such dump"}},
)
async def dump(request: Request, name: str) -> FileResponse:
    try:
        fmt: DumpFormat | None = DumpFormat(name)
    except ValueError:
        fmt = None
    if fmt is None and name not in _DUMP_FILES:
        raise HttpError(
            404,
            f"no dump /dumps/{name}",
            hint="the dumps are: " + ", ".join(f.value for f in DumpFormat),
        )
    folder = await asyncio.to_thread(state(request).dumps)
    if fmt is None:
        media = _DUMP_FILES[name]
    else:
        media = "application/gzip" if fmt.compressed else fmt.media_type
    return FileResponse(folder / name, media_type=media, filename=name)


@router.get("/context.jsonld", summary="The JSON-LD context of the dataset's prefixes")
def jsonld_context(request: Request) -> Response:
    body = json.dumps(context(state(request).settings.base_iri), indent=1, ensure_ascii=False)
    return Response(body + "\n", media_type=Media.JSONLD.content_type)


@router.get(f"/{SERVICE_DESCRIPTION}", summary="The SPARQL service description, in Turtle")
async def sparql_description(request: Request) -> Response:
    app = state(request)
    body = await asyncio.to_thread(service_description, app.store, app.settings.base_iri)
    return Response(body, media_type=Media.TURTLE.content_type)
