"""The front door: home page, list pages and the SPARQL editor (search: `kg.web.search`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from kg import stats
from kg.linked.listings import LISTINGS, href_of
from kg.web.bounded import bounded
from kg.web.errors import HttpError
from kg.web.html import html_page
from kg.web.state import AppState, mount_root, state

router = APIRouter(include_in_schema=False)


#: How many of the latest meetings the home page lists.
LATEST = 10


@dataclass(frozen=True)
class Pager:
    """Where a list page stands among the pages of its list."""

    page: int
    pages: int
    total: int
    size: int

    @classmethod
    def of(cls, page: int, total: int, size: int) -> Pager:
        """Page ``page`` of ``total`` rows, ``size`` a page; `HttpError` 404 past the last
        page."""
        pages = max(1, -(-total // size))
        if page > pages:
            raise HttpError(
                404,
                f"there is no page {page}: the list has {pages}",
                hint="?page=1 is the first page",
            )
        return cls(page, pages, total, size)

    def window(self) -> slice:
        """The rows of this page."""
        return slice((self.page - 1) * self.size, self.page * self.size)


def local_href(app: AppState, root: str, iri: str) -> str:
    """The path on this server of a minted IRI (itself when not minted here)."""
    return href_of(iri, app.settings.base_iri, root)


def _rows(app: AppState, root: str, listing: stats.Listing, part: slice) -> list[dict[str, Any]]:
    """The rows of ``part`` of a list, as the templates read them, each with its link."""
    rows = [row.as_dict(listing.columns) for row in listing.rows[part]]
    for row in rows:
        row["href"] = local_href(app, root, row["r"])
    return rows


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    """What the dataset holds, and the way to everything."""
    app = state(request)
    found = await bounded(request, app.statistics)
    root = mount_root(request)
    committees = found.listings["committees"]
    return html_page(
        request,
        "home.html",
        listings=LISTINGS,
        queries=app.queries,
        counts=found.counts,
        committees=_rows(app, root, committees, slice(0, app.settings.page_size)),
        more=len(committees.rows) > app.settings.page_size,
        latest=_rows(app, root, found.listings["meetings"], slice(0, LATEST)),
    )


@router.get("/editor", response_class=HTMLResponse)
async def editor(request: Request) -> HTMLResponse:
    """The SPARQL editor, with the named queries as examples."""
    app = state(request)
    examples = [{"name": q.name, "title": q.title, "text": q.text} for q in app.queries.values()]
    return html_page(request, "editor.html", examples=examples)


@router.get("/{listing}", response_class=HTMLResponse)
async def listing(
    request: Request, listing: str, page: Annotated[int, Query(ge=1, le=1_000_000)] = 1
) -> HTMLResponse:
    """One of the list pages: committees, meetings, people, projects, technologies; a page
    of the settings' ``page_size`` rows at a time (``?page=2`` the next)."""
    spec = LISTINGS.get(listing)
    if spec is None:
        raise HttpError(404, f"no page /{listing}", hint="see the home page for what there is")
    app = state(request)
    found = (await bounded(request, app.statistics)).listings[listing]
    pager = Pager.of(page, len(found.rows), max(1, app.settings.page_size))
    root = mount_root(request)
    rows = _rows(app, root, found, pager.window())
    return html_page(request, "listing.html", spec=spec, rows=rows, pager=pager, total=pager.total)
