"""The front door: home page, list pages and the SPARQL editor (search: `kg.web.search`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from kg import stats
from kg.web.bounded import bounded
from kg.web.errors import HttpError
from kg.web.html import respond
from kg.web.state import AppState, state

router = APIRouter(include_in_schema=False)
TECHNOLOGIES = "https://w3id.org/minutes-kg/concepts/technologies"


@dataclass(frozen=True)
class Listing:
    """A list page: what it lists, its columns, and the query that lists it (the static
    site's; the server reads the rows from the statistics graph, `kg.stats`)."""

    title: str
    intro: str
    query: str
    columns: tuple[str, ...]


LISTINGS: dict[str, Listing] = {
    "committees": Listing(
        "Committees",
        "Every committee that held a meeting or was named as holding one with another.",
        """SELECT ?r ?label (SAMPLE(LANG(?label)) AS ?lang) (COUNT(DISTINCT ?m) AS ?meetings)
             (MAX(?start) AS ?latest) WHERE {
             ?r a mkg:Committee ; rdfs:label ?label .
             OPTIONAL { ?m mkg:heldBy ?r ; dct:date ?start } }
           GROUP BY ?r ?label ORDER BY DESC(?meetings) ?label""",
        ("meetings", "latest"),
    ),
    "meetings": Listing(
        "Meetings",
        "Every meeting, newest first.",
        """SELECT ?r ?label (LANG(?label) AS ?lang) ?start ?place WHERE { ?r a mkg:Meeting ;
             rdfs:label ?label .
             OPTIONAL { ?r prov:startedAtTime ?time } OPTIONAL { ?r dct:date ?day }
             BIND(COALESCE(?time, ?day) AS ?start)
             OPTIONAL { ?r prov:atLocation ?place } }
           ORDER BY DESC(STR(?start))""",
        ("start", "place"),
    ),
    "people": Listing(
        "People",
        "Everyone the minutes name: members in attendance lists and working groups,"
        " presenters and officials.",
        """SELECT ?r ?label (COUNT(DISTINCT ?m) AS ?meetings) WHERE {
             ?r a person:Person ; foaf:name ?label .
             OPTIONAL { ?m mkg:present|mkg:absent ?r } } GROUP BY ?r ?label ORDER BY ?label""",
        ("meetings",),
    ),
    "projects": Listing(
        "Projects",
        "Projects the committees' working groups work on.",
        """SELECT ?r ?label (SAMPLE(LANG(?label)) AS ?lang) (COUNT(DISTINCT ?member) AS ?people)
           WHERE {
             ?r a mkg:Project ; rdfs:label ?label .
             OPTIONAL { ?g mkg:worksOn ?r . ?ms org:organization ?g ; org:member ?member } }
           GROUP BY ?r ?label ORDER BY ?label""",
        ("people",),
    ),
    "technologies": Listing(
        "Technologies",
        "Technologies the agenda items discuss, from the concept scheme, with how many items.",
        f"""SELECT ?r ?label (SAMPLE(LANG(?label)) AS ?lang) (COUNT(DISTINCT ?i) AS ?items) WHERE {{
             ?i mkg:discusses ?r . ?r skos:inScheme <{TECHNOLOGIES}> ;
             rdfs:label ?label }} GROUP BY ?r ?label ORDER BY DESC(?items) ?label""",
        ("items",),
    ),
}

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
    base = app.settings.base_iri
    return f"{root}/{iri[len(base) :]}" if iri.startswith(base) else iri


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return respond(request, template, state(request).built(), **context)


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
    root = str(request.scope.get("root_path", "")).rstrip("/")
    committees = found.listings["committees"]
    return _page(
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
    return _page(request, "editor.html", examples=examples)


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
    root = str(request.scope.get("root_path", "")).rstrip("/")
    rows = _rows(app, root, found, pager.window())
    return _page(request, "listing.html", spec=spec, rows=rows, pager=pager, total=pager.total)
