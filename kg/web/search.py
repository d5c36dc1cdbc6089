"""``/search``: the search index (`kg.search`) as a page, ranked with snippets, a page of
`PAGE_SIZE` hits at a time."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kg.search import Hit, Results, search
from kg.store.run import distinct_rows
from kg.vocab import local_name
from kg.web.errors import HttpError
from kg.web.html import respond
from kg.web.pages import local_href
from kg.web.state import AppState, mount_root, state

router = APIRouter(include_in_schema=False)
#: Hits on one page of results, and the last page that may be asked for.
PAGE_SIZE = 20
LAST_PAGE = 500


@dataclass(frozen=True)
class Shown:
    """A hit as the page shows it: where its page is on this server, and its types."""

    hit: Hit
    href: str
    types: tuple[str, ...]


def _found(app: AppState, q: str, page: int) -> tuple[Results, dict[str, list[str]]]:
    """One page of results and the types of its resources (read from the store)."""
    results = search(app.search_index(), q, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    types: dict[str, list[str]] = {h.iri: [] for h in results.hits}
    if results.hits:
        values = " ".join(str(ox.NamedNode(h.iri)) for h in results.hits)
        query = f"SELECT DISTINCT ?s ?t WHERE {{ VALUES ?s {{ {values} }} ?s a ?t }} ORDER BY ?t"
        for row in distinct_rows(app.store, query):
            types[row["s"]].append(row["t"])
    return results, types


@router.get("/search", response_class=HTMLResponse)
async def search_page(request: Request, q: str = "", page: int = 1) -> HTMLResponse:
    """Search names, titles, places and section texts (Danish-aware: case, æ/ø/å,
    inflection, the last part of a compound), best first."""
    if not 1 <= page <= LAST_PAGE:
        raise HttpError(400, f"page must be from 1 to {LAST_PAGE}", hint="start at page 1")
    app = state(request)
    results, types = await asyncio.to_thread(_found, app, q, page)
    root = mount_root(request)
    shown = [
        Shown(h, local_href(app, root, h.iri), tuple(local_name(t) for t in types[h.iri]))
        for h in results.hits
    ]
    pages = min(-(-results.total // PAGE_SIZE), LAST_PAGE)
    return respond(
        request,
        "search.html",
        app.built(),
        q=q,
        hits=shown,
        total=results.total,
        page=page,
        pages=pages,
        first=(page - 1) * PAGE_SIZE + 1,
    )
