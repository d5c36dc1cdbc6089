"""The relation graphs on the web: a list, an interactive drawing per graph, and the same
graph as JSON (networkx node-link data), GraphML, GEXF or CSV: the whole graph's file as
the build kept it (`kg.stats.downloads`), a filtered one made per request. All graph logic
is in `kg.graphs`; this module parses the request and writes the answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from kg import graphs, stats
from kg.errors import UsageError
from kg.graphs.export import COLOURS
from kg.graphs.model import DOWNLOADS
from kg.graphs.view import EDGES, NODES, GraphView, view
from kg.linked.i18n import Locale
from kg.linked.reader import link_href
from kg.web.bounded import bounded
from kg.web.errors import HttpError
from kg.web.html import html_page
from kg.web.i18n import request_locale
from kg.web.state import AppState, mount_root, state

router = APIRouter(tags=["graphs"])

Committee = Annotated[str | None, Query(description="Only this committee (its IRI).")]
Start = Annotated[
    str | None, Query(alias="from", description="Only meetings on or after (YYYY-MM-DD).")
]
End = Annotated[
    str | None, Query(alias="to", description="Only meetings on or before (YYYY-MM-DD).")
]


def _messages(locale: Locale) -> dict[str, str]:
    """The drawing's status lines in the page's language (``{name}``: filled by the script)."""
    keys = {
        "summary": "{nodes} nodes, {edges} edges. Scroll to zoom, drag to pan, click a node"
        " to open its page.",
        "none": "No node is called {text}.",
        "found": "{n} found: {labels}",
        "failed": "the graph could not be loaded ({status})",
    }
    return {key: locale(message) for key, message in keys.items()}


def _href(app: AppState, root: str, iri: str) -> str:
    """The page of a node: its path here when minted here, any other web IRI as it is."""
    return link_href(iri, app.settings.base_iri, root)


def _parse(
    name: str, committee: str | None, start: str | None, end: str | None
) -> tuple[graphs.GraphName, graphs.GraphFormat | None, graphs.Filter]:
    """The graph, the download format (None: the page) and the filter of a request."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem = name
    try:
        graph_name = graphs.GraphName(stem)
        fmt = graphs.GraphFormat(suffix) if dot else None
    except ValueError:
        raise HttpError(
            404, f"no graph /graphs/{name}", hint="see /graphs for the graphs"
        ) from None
    if fmt is not None and fmt not in DOWNLOADS:
        raise HttpError(
            404, f"no graph /graphs/{name}", hint="download as .json, .graphml, .gexf or .csv"
        )
    try:
        flt = graphs.Filter.parse(committee, start, end)
    except UsageError as exc:
        raise HttpError(400, exc.message, hint=exc.hint) from None
    return graph_name, fmt, flt


@router.get("/graphs", response_class=HTMLResponse, summary="The relation graphs")
async def graph_list(request: Request) -> HTMLResponse:
    """Each relation graph with its description and summary figures (from the statistics
    graph: nothing is computed here)."""
    app = state(request)
    found = await bounded(request, app.statistics)
    rows = [(name, _view(app, found, name).summary) for name in graphs.GraphName]
    return html_page(request, "graphs.html", rows=rows)


def _view(app: AppState, found: stats.Statistics, name: graphs.GraphName) -> GraphView:
    """The view of an unfiltered graph: the build's, else made here (a statistics graph
    written before graphs were counted)."""
    return found.graph_view(name) or view(graphs.analysed(app.store, name))


async def _filtered_view(request: Request, name: graphs.GraphName, flt: graphs.Filter) -> GraphView:
    """The view of graph ``name`` under ``flt``: the statistics' when nothing is filtered,
    else made now, within the page time limit."""
    app = state(request)
    found = await bounded(request, app.statistics)
    if flt.empty:
        return _view(app, found, name)
    return await bounded(request, lambda: view(graphs.analysed(app.store, name, flt)))


@router.get(
    "/graphs/{name}/drawing",
    summary="What the page of a relation graph draws: node-link JSON of at most "
    f"{NODES} nodes (the most connected) and {EDGES} edges",
    responses={400: {"description": "A bad filter"}, 404: {"description": "No such graph"}},
)
async def drawing(
    request: Request,
    name: str,
    committee: Committee = None,
    start: Start = None,
    end: End = None,
) -> JSONResponse:
    graph_name, fmt, flt = _parse(name, committee, start, end)
    if fmt is not None:
        raise HttpError(404, f"no drawing /graphs/{name}/drawing", hint="see /graphs")
    shown = await _filtered_view(request, graph_name, flt)
    return JSONResponse(
        {
            **shown.drawing,
            "capped": shown.capped,
            "total": {"nodes": shown.summary.nodes, "edges": shown.summary.edges},
        }
    )


async def _download(
    request: Request, name: graphs.GraphName, fmt: graphs.GraphFormat, flt: graphs.Filter
) -> Response:
    """The graph ``name`` under ``flt`` as a ``fmt`` file: the build's file when nothing is
    filtered (`kg.stats.downloads`), else (or when it kept none that may be served)
    made now, within the page time limit."""
    app = state(request)
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    kept = await bounded(request, lambda: app.kept_download(name, fmt)) if flt.empty else None
    if kept is not None:
        headers["ETag"] = kept.etag  # the one the server gives a computed body
        headers["Cache-Control"] = "no-cache"  # as it does (revalidate each time)
        return FileResponse(
            kept.path, media_type=fmt.media_type, headers=headers, stat_result=kept.stat
        )
    whole = await bounded(request, lambda: graphs.analysed(app.store, name, flt))
    body = await bounded(request, lambda: graphs.write(whole, fmt))
    return Response(body, media_type=fmt.media_type, headers=headers)


@router.get(
    "/graphs/{name}",
    summary="One relation graph: an interactive page, or a .json, .graphml, .gexf or .csv file",
    response_class=Response,
    responses={400: {"description": "A bad filter"}, 404: {"description": "No such graph"}},
)
async def graph_page(
    request: Request,
    name: str,
    committee: Committee = None,
    start: Start = None,
    end: End = None,
) -> Response:
    app = state(request)
    graph_name, fmt, flt = _parse(name, committee, start, end)
    if fmt is not None:
        return await _download(request, graph_name, fmt, flt)
    shown = await _filtered_view(request, graph_name, flt)
    root = mount_root(request)
    choices = [
        (r.iri, r.label)
        for r in (await bounded(request, app.statistics)).listings["committees"].rows
    ]
    choices.sort(key=lambda pair: (pair[1].casefold(), pair[0]))
    nodes = sorted(
        ({**data, "href": _href(app, root, data["id"])} for data in shown.drawing["nodes"]),
        key=lambda d: (d["type"], d["label"].casefold()),
    )
    query = str(request.url.query)
    config = {
        "data": f"{root}/graphs/{graph_name}/drawing" + (f"?{query}" if query else ""),
        "base": app.settings.base_iri,
        "root": root,
        "colours": COLOURS,
        "messages": _messages(request_locale(request)),
    }
    return html_page(
        request,
        "graph.html",
        name=graph_name,
        flt=flt,
        committees=choices,
        summary=shown.summary,
        nodes=nodes,
        drawn={"nodes": len(shown.drawing["nodes"]), "edges": len(shown.drawing["edges"])},
        capped=shown.capped,
        downloads=[
            (f.value, f"{root}/graphs/{graph_name}.{f}" + (f"?{query}" if query else ""))
            for f in DOWNLOADS
        ],
        config=config,
    )
