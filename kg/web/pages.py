"""The front door: home page, list pages and the SPARQL editor (search: `kg.web.search`)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kg.store.run import distinct_rows
from kg.web.errors import HttpError
from kg.web.html import respond
from kg.web.state import AppState, state

router = APIRouter(include_in_schema=False)
TECHNOLOGIES = "https://w3id.org/minutes-kg/concepts/technologies"


@dataclass(frozen=True)
class Listing:
    """A list page: what it lists, the query that lists it, and its columns."""

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

_COUNTS = {
    "documents": "?x a mkg:SourceDocument",
    "committees": "?x a mkg:Committee",
    "meetings": "?x a mkg:Meeting",
    "items": "?x a mkg:AgendaItem",
    "people": "?x a person:Person",
    "projects": "?x a mkg:Project",
    "technologies": f"?i mkg:discusses ?x . ?x skos:inScheme <{TECHNOLOGIES}>",
}


def local_href(app: AppState, root: str, iri: str) -> str:
    """The path on this server of a minted IRI (itself when not minted here)."""
    base = app.settings.base_iri
    return f"{root}/{iri[len(base) :]}" if iri.startswith(base) else iri


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return respond(request, template, state(request).built(), **context)


def _count(app: AppState, pattern: str) -> str:
    """How many distinct ?x the graph pattern finds."""
    return distinct_rows(app.store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")[0][
        "n"
    ]


def _home_data(app: AppState) -> dict[str, Any]:
    counts = {name: _count(app, pattern) for name, pattern in _COUNTS.items()}
    committees = distinct_rows(app.store, LISTINGS["committees"].query)
    latest = distinct_rows(app.store, LISTINGS["meetings"].query)[:10]
    return {"counts": counts, "committees": committees, "latest": latest}


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    """What the dataset holds, and the way to everything."""
    app = state(request)
    data = await asyncio.to_thread(_home_data, app)
    root = str(request.scope.get("root_path", "")).rstrip("/")
    for row in data["committees"] + data["latest"]:
        row["href"] = local_href(app, root, row["r"])
    return _page(request, "home.html", listings=LISTINGS, queries=app.queries, **data)


@router.get("/editor", response_class=HTMLResponse)
async def editor(request: Request) -> HTMLResponse:
    """The SPARQL editor, with the named queries as examples."""
    app = state(request)
    examples = [{"name": q.name, "title": q.title, "text": q.text} for q in app.queries.values()]
    return _page(request, "editor.html", examples=examples)


@router.get("/{listing}", response_class=HTMLResponse)
async def listing(request: Request, listing: str) -> HTMLResponse:
    """One of the list pages: committees, meetings, people, projects, technologies."""
    spec = LISTINGS.get(listing)
    if spec is None:
        raise HttpError(404, f"no page /{listing}", hint="see the home page for what there is")
    app = state(request)
    rows = await asyncio.to_thread(distinct_rows, app.store, spec.query)
    root = str(request.scope.get("root_path", "")).rstrip("/")
    for row in rows:
        row["href"] = local_href(app, root, row["r"])
    return _page(request, "listing.html", spec=spec, rows=rows)
