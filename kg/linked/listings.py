"""The list pages (committees, meetings, people, projects, technologies): what each
lists, its columns, and the query the static site lists it by (the server reads the same
rows from the statistics graph, `kg.stats`)."""

from __future__ import annotations

from dataclasses import dataclass

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


def href_of(iri: str, base: str, root: str) -> str:
    """The path of a minted IRI on a site whose base IRI is served at ``root`` (the IRI
    itself when not minted under ``base``).

    >>> href_of("http://localhost:8000/id/person/x", "http://localhost:8000/", "/kg")
    '/kg/id/person/x'
    """
    return f"{root}/{iri[len(base) :]}" if iri.startswith(base) else iri
