"""Linked data: every IRI the graph mints dereferences on the server.

``GET /id/{kind}/{slug}`` answers for the resource ``{base}id/{kind}/{slug}`` (``base`` from
the settings), whatever host and port the server runs on, and ``GET /.well-known/genid/{id}``
for the skolem nodes (the reified statements that say where each fact came from):

- an HTML page for browsers; Turtle, JSON-LD, N-Triples or RDF/XML by ``Accept``, or by a
  ``.ttl``, ``.jsonld``, ``.nt``, ``.rdf`` (or ``.html``) suffix, which wins; 406 when
  ``Accept`` allows none of them;
- the RDF is the resource's description: every triple with it as subject in the default
  graph (the union of the graphs' facts, each triple once), plus the labels of the IRIs
  it links to; a skolem node's, which the default graph leaves out, is read in its
  document's graph;
- 404 for an IRI that nothing describes; a retired IRI (the subject of ``owl:sameAs`` and
  nothing else) answers 301 to its successor's path, keeping the suffix;
- the page shows the label, the types, the properties with linked values, the incoming
  links grouped by property with counts, and for each fact its source document, page,
  lines and source text, read from the ``rdf:Statement`` nodes.

The page and the description are `kg.linked`'s (the same code writes the static site);
what pages read about linked nodes (labels, dates, numbers) is remembered for the life
of the application (the app state's `kg.linked.lookups.Memo`), since the store does not
change while served.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from kg.formats import Media
from kg.iri import Kind
from kg.linked.describe import description, serialize
from kg.linked.lookups import Term
from kg.linked.page import ALTERNATES, build_page
from kg.linked.reader import Reader, successor
from kg.linked.render import STATIC, render_page
from kg.linked.terms import GENID, SAME_AS
from kg.web.bounded import bounded
from kg.web.errors import HttpError
from kg.web.i18n import remember, request_locale, switch_href
from kg.web.media import negotiate
from kg.web.state import mount_root, state

#: What a resource answers, in order of preference when ``Accept`` allows anything.
OFFERED = [Media.HTML, *ALTERNATES]
router = APIRouter(tags=["linked data"])

_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The resource: an HTML page, or its description in RDF",
        "content": {m.value: {} for m in OFFERED},
    },
    301: {"description": "A retired IRI: the resource it became"},
    404: {"description": "Nothing describes this IRI"},
    406: {"description": "Accept allows none of the formats"},
}


@router.get(
    "/id/{kind}/{slug}",
    name="resource",
    summary="A resource of the dataset (HTML, Turtle, JSON-LD, N-Triples, RDF/XML)",
    description=(
        "The resource whose IRI is `{base}id/{kind}/{slug}`. The format is chosen by the "
        "`Accept` header, or by a `.ttl`, `.jsonld`, `.nt`, `.rdf` or `.html` suffix on the "
        "slug, which wins."
    ),
    response_class=Response,
    responses=_RESPONSES,
)
@router.head("/id/{kind}/{slug}", name="resource-head", include_in_schema=False)
async def resource(kind: str, slug: str, request: Request) -> Response:
    try:
        Kind(kind)
    except ValueError:
        raise HttpError(
            404,
            f"there is no kind of resource called {kind!r}",
            hint="the kinds are: " + ", ".join(k.value for k in Kind),
        ) from None
    return await answer(request, f"id/{kind}/", slug)


@router.get(
    "/.well-known/genid/{node}",
    name="skolem",
    summary="A skolem node: a reified statement saying where a fact came from",
    response_class=Response,
    responses=_RESPONSES,
)
@router.head("/.well-known/genid/{node}", name="skolem-head", include_in_schema=False)
async def skolem(node: str, request: Request) -> Response:
    return await answer(request, GENID, node)


async def answer(request: Request, folder: str, segment: str) -> Response:
    """`dereference`: an HTML page in a thread, under the page time limit, as any page
    (`bounded`: 503 past it, given up when the client goes); a description in RDF here,
    in the event loop. A description is small by construction (the resource's own
    triples and its links' labels: about a millisecond), and the hop to a thread and back
    cost as much again, the GIL passed between them twice."""
    _, media, _ = split_suffix(segment)
    if (media or negotiate(request.headers.get("accept"), OFFERED)) is Media.HTML:
        return await bounded(request, lambda: dereference(request, folder, segment))
    return dereference(request, folder, segment)


def split_suffix(segment: str) -> tuple[str, Media | None, str]:
    """The slug, the media type its suffix names and the suffix (slugs hold no dot).

    >>> split_suffix("gry-ravn.ttl")
    ('gry-ravn', <Media.TURTLE: 'text/turtle'>, 'ttl')
    >>> split_suffix("gry-ravn")
    ('gry-ravn', None, '')
    """
    stem, dot, suffix = segment.rpartition(".")
    if dot and stem:
        media = Media.from_suffix(suffix)
        if media in OFFERED:
            return stem, media, suffix
    return segment, None, ""


def dereference(request: Request, folder: str, segment: str) -> Response:
    """Answer for the IRI ``{base}{folder}{slug}`` in the format asked for."""
    app = state(request)
    base = app.settings.base_iri
    slug, media, suffix = split_suffix(segment)
    try:
        node = ox.NamedNode(f"{base}{folder}{slug}")
    except ValueError:
        raise HttpError(404, f"not an IRI of this dataset: {base}{folder}{slug}") from None
    root = mount_root(request)
    locale = request_locale(request)
    reader = Reader(app.store, base, root, memo=app.memo, locale=locale)
    pairs = reader.pairs(node)
    if not pairs:
        raise HttpError(
            404,
            f"nothing is known about {node.value}",
            hint="the SPARQL endpoint at /sparql lists what the dataset holds",
        )
    if all(predicate == SAME_AS for predicate, _ in pairs):
        return _redirect(reader, pairs, suffix)
    negotiated = media is None
    if media is None:
        media = negotiate(request.headers.get("accept"), OFFERED)
        if media is None:
            raise HttpError(
                406,
                "this resource is available as HTML, Turtle, JSON-LD, N-Triples and RDF/XML",
                hint="ask for one of: " + ", ".join(m.value for m in OFFERED),
            )
    path = reader.href(node.value)
    headers = {
        "Link": ", ".join(
            f'<{path}.{m.suffix}>; rel="alternate"; type="{m.value}"' for m in ALTERNATES
        )
    }
    if negotiated:
        headers["Vary"] = "Accept"
        headers["Content-Location"] = f"{path}.{media.suffix}"
    if media is Media.HTML:
        switch = switch_href(request, locale.other)
        body = render_page(build_page(reader, node), switch=switch, built=app.built())
        page = HTMLResponse(body, headers=headers, media_type=media.content_type)
        return remember(request, page)
    data = serialize(description(reader, node), media, reader.namespaces)
    return Response(data, media_type=media.content_type, headers=headers)


def _redirect(reader: Reader, pairs: list[tuple[ox.NamedNode, Term]], suffix: str) -> Response:
    """301 to the resource a retired IRI became (the first, should there be several)."""
    target = successor(pairs)
    if target is None:
        raise HttpError(404, "this IRI is retired and names no successor")
    location = reader.href(target)
    if suffix and reader.local(target):
        location = f"{location}.{suffix}"
    return RedirectResponse(location, status_code=301)


def mount_static(app: FastAPI) -> None:
    """Serve ``kg/linked/static`` (the pages' style sheet and scripts) at ``/static``, once."""
    if any(getattr(route, "path", None) == "/static" for route in app.routes):
        return
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
