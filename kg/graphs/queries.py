"""The SPARQL each relation graph is read with; the filter is applied in the query.

Where a graph asks what a named query of ``kg/data/sparql/`` asks, it reads that query's
text (`kg.resources`) rather than a copy of its own: who-works-on-what is the named query
of that name, bound and narrowed by the filter. The others ask what no named query does
(every person's attendance, the roles of everyone, which item discusses which technology)
and are written here.

Every query reads the store's default graph (the union of its graphs, each triple once:
`kg.store.union`) and keeps to ``store.query``, so it runs
on any store that offers pyoxigraph's query interface.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import pyoxigraph as ox

from kg.errors import QueryError
from kg.graphs.model import Filter
from kg.resources import DataFolder, data_folder
from kg.store.protocol import QueryStore
from kg.store.queries import NamedQuery, read_query
from kg.store.run import distinct_rows
from kg.store.sparql_text import open_with
from kg.vocab import FOAF, PREFIXES, RDFS, SKOS

TECHNOLOGIES = "https://w3id.org/minutes-kg/concepts/technologies"
#: Rows of the queries asked since `remembered` began, by query text (None: not kept).
_REMEMBERED: ContextVar[dict[str, list[dict[str, str]]] | None] = ContextVar(
    "remembered", default=None
)


@contextmanager
def remembered() -> Iterator[None]:
    """Within this block, a query asked again is answered with the rows it gave the first
    time (the statistics draw every graph at once: two of them read every attendance
    entry). For one store that does not change meanwhile."""
    token = _REMEMBERED.set({})
    try:
        yield
    finally:
        _REMEMBERED.reset(token)


def _rows(store: QueryStore, text: str) -> list[dict[str, str]]:
    """`distinct_rows`, or the rows kept for the same text within `remembered`."""
    kept = _REMEMBERED.get()
    if kept is None:
        return distinct_rows(store, text)
    if text not in kept:
        kept[text] = distinct_rows(store, text)
    return kept[text]


#: The named query the who-works-on-what graph is read with.
WHO_WORKS_ON_WHAT = "who-works-on-what"


def named_query(name: str) -> NamedQuery:
    """The named query ``name`` of the package's ``kg/data/sparql/``."""
    return read_query(data_folder(DataFolder.SPARQL) / f"{name}.rq")


def meeting_filter(flt: Filter, meeting: str = "?meeting", committee: str | None = None) -> str:
    """Graph patterns keeping the meetings ``flt`` selects: held by its committee, and
    started on a day from ``flt.start`` to ``flt.end`` (the day as the minutes write it,
    in the meeting's own time zone). ``committee`` names a variable already bound to the
    committee, if any.

    >>> from datetime import date
    >>> print(meeting_filter(Filter(start=date(2017, 9, 1))))
    ?meeting dct:date ?_start . FILTER(SUBSTR(STR(?_start), 1, 10) >= "2017-09-01")
    """
    parts = []
    if flt.committee:
        iri = str(ox.NamedNode(flt.committee))
        if committee:
            parts.append(f"FILTER({committee} = {iri})")
        else:
            parts.append(f"{meeting} mkg:heldBy {iri} .")
    if flt.start or flt.end:
        parts.append(f"{meeting} dct:date ?_start .")  # a meeting's day, with or without a time
        day = "SUBSTR(STR(?_start), 1, 10)"
        if flt.start:
            parts.append(f'FILTER({day} >= "{flt.start.isoformat()}")')
        if flt.end:
            parts.append(f'FILTER({day} <= "{flt.end.isoformat()}")')
    return " ".join(parts)


def working_groups(store: QueryStore, flt: Filter) -> list[dict[str, str]]:
    """Person, working group, project and committee of each working-group membership, by
    the named query who-works-on-what: its ``committee`` parameter keeps one committee's
    groups; the dates keep memberships stated at a meeting in the range."""
    named = named_query(WHO_WORKS_ON_WHAT)
    text = named.bound({"committee": flt.committee} if flt.committee else {})
    if flt.start or flt.end:
        dated = Filter(start=flt.start, end=flt.end)
        text = open_with(text, f"?membership mkg:statedAt ?meeting . {meeting_filter(dated)}")
    keys = ("person", "group", "project", "committee")
    found = {tuple(row[k] for k in keys): row for row in _rows(store, text)}
    return [{k: row[k] for k in keys} for row in found.values()]


def attendance(store: QueryStore, flt: Filter) -> list[dict[str, str]]:
    """Meeting, committee, person and ``present`` or ``absent`` of each attendance entry."""
    return _rows(
        store,
        f"""SELECT DISTINCT ?meeting ?committee ?person ?attendance WHERE {{
              ?meeting a mkg:Meeting ; mkg:heldBy ?committee .
              {{ ?meeting mkg:present ?person . BIND("present" AS ?attendance) }}
              UNION
              {{ ?meeting mkg:absent ?person . BIND("absent" AS ?attendance) }}
              {meeting_filter(flt)}
            }}""",
    )


def roles(store: QueryStore, flt: Filter) -> list[dict[str, str]]:
    """Person, organisation or unit (``kind``) and role of each membership outside the
    working groups; a filter selects memberships stated at the meetings it keeps."""
    dated = "" if flt.empty else f"?membership mkg:statedAt ?meeting . {meeting_filter(flt)}"
    return _rows(
        store,
        # each part is made distinct before the joins, and each of the membership's three
        # properties on its own: written when the default graph was the union of the graphs
        # as a bag, which multiplied the rows by every document's restating (137 s for 200
        # synthetic documents, 40 s for 1,000); it is a set now (kg.store.union)
        f"""SELECT DISTINCT ?person ?organisation ?kind ?role WHERE {{
              {{ SELECT DISTINCT ?membership ?r WHERE {{ ?membership org:role ?r }} }}
              {{ SELECT DISTINCT ?membership ?person WHERE {{ ?membership org:member ?person }} }}
              {{ SELECT DISTINCT ?membership ?organisation WHERE {{
                  ?membership org:organization ?organisation }} }}
              {{ SELECT DISTINCT ?organisation ?kind WHERE {{
                  {{ ?organisation a org:Organization . BIND("organisation" AS ?kind) }}
                  UNION
                  {{ ?organisation a org:OrganizationalUnit . BIND("unit" AS ?kind) }}
                  FILTER NOT EXISTS {{ ?organisation a mkg:WorkingGroup }} }} }}
              OPTIONAL {{ SELECT DISTINCT ?r ?role WHERE {{ ?r rdfs:label ?role }} }}
              {dated}
            }}""",
    )


def technologies(store: QueryStore, flt: Filter) -> list[dict[str, str]]:
    """Item, technology and committee for each item that discusses a technology (a
    concept of the technology scheme)."""
    return _rows(
        store,
        # the scheme's concepts first (described once, in the vocabulary graph)
        f"""SELECT DISTINCT ?item ?concept ?committee WHERE {{
              {{ SELECT DISTINCT ?concept WHERE {{ ?concept skos:inScheme <{TECHNOLOGIES}> }} }}
              ?item mkg:discusses ?concept .
              ?meeting mkg:agendaItem ?item ; mkg:heldBy ?committee .
              {meeting_filter(flt)}
            }}""",
    )


def committees(store: QueryStore) -> list[tuple[str, str]]:
    """Every committee as (IRI, label), by label: the choices of a committee filter."""
    found = labels(
        store, [r["c"] for r in _rows(store, "SELECT DISTINCT ?c { ?c a mkg:Committee }")]
    )
    return sorted(found.items(), key=lambda pair: (pair[1].casefold(), pair[0]))


#: Which label wins: the predicate first, then the language.
_PREDICATES = (FOAF.name, SKOS.prefLabel, RDFS.label)
_LANGUAGES = {"da": 0, "": 1, "en": 2}


def labels(store: QueryStore, iris: list[str]) -> dict[str, str]:
    """The best label of each IRI: ``foaf:name``, ``skos:prefLabel``, then ``rdfs:label``,
    Danish before untagged before English; the IRI's last segment when it has none."""
    best: dict[str, tuple[int, int, str]] = {}
    unique = sorted(set(iris))
    header = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())
    # a union of one pattern per predicate: ten times quicker in Oxigraph than a VALUES
    # of the predicates
    for start in range(0, len(unique), 500):
        values = " ".join(str(ox.NamedNode(i)) for i in unique[start : start + 500])
        results = store.query(
            f"""{header}
            SELECT DISTINCT ?s ?p ?label WHERE {{
              VALUES ?s {{ {values} }}
              {{ ?s foaf:name ?label BIND(foaf:name AS ?p) }}
              UNION {{ ?s skos:prefLabel ?label BIND(skos:prefLabel AS ?p) }}
              UNION {{ ?s rdfs:label ?label BIND(rdfs:label AS ?p) }}
              FILTER(isLiteral(?label)) }}"""
        )
        if not isinstance(results, ox.QuerySolutions):
            raise QueryError("the label query gave no solutions")
        for solution in results:
            subject, predicate, literal = solution["s"], solution["p"], solution["label"]
            if not isinstance(literal, ox.Literal) or subject is None or predicate is None:
                continue
            rank = (
                _PREDICATES.index(predicate.value),
                _LANGUAGES.get(literal.language or "", 3),
                literal.value,
            )
            if subject.value not in best or rank < best[subject.value]:
                best[subject.value] = rank
    return {iri: best[iri][2] if iri in best else _last_segment(iri) for iri in unique}


def _last_segment(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
