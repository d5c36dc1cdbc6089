"""The rewritten named queries answer exactly what their first formulations answered.

The queries in kg/data/sparql/ were rewritten for speed at two million triples (each part made
distinct before it is joined; values bound by VALUES blocks instead of Oxigraph's
substitutions). Here every query runs on the examples' store with every value of its
parameters that the store holds, once as it is now (bound by `NamedQuery.bound`) and once
as it was (bound by substitutions), both over the store's default graph (the union of the
graphs as a set), and the answers must be the same rows.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.search import SearchIndex, found_for
from kg.store.queries import NamedQuery, catalogue, read_query
from kg.store.run import distinct_rows, run
from tests.conftest import ROOT

pytestmark = pytest.mark.integration

#: The formulations before the rewrite (queries whose text did not change are left out;
#: decisions-containing, whose words the search index now finds, is compared apart).
OLD = {
    "items-by-case": """
PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>

SELECT DISTINCT ?caseId ?item ?number ?title ?meeting ?date ?start ?public
WHERE {
  ?case a mkg:Case ; dct:identifier ?caseId .
  ?item mkg:case ?case ; mkg:number ?number ; dct:title ?title .
  OPTIONAL { ?item mkg:public ?public }
  ?meeting mkg:agendaItem ?item .
  OPTIONAL { ?meeting dct:date ?date }
  OPTIONAL { ?meeting prov:startedAtTime ?start }
}
ORDER BY ?date ?start ?number
""",
    "meetings-of-committee": """
PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?meeting ?label ?committee ?committeeLabel ?municipality ?date ?start ?end ?place (COUNT(DISTINCT ?item) AS ?items)
WHERE {
  ?meeting a mkg:Meeting ;
    rdfs:label ?label ;
    mkg:heldBy ?committee .
  ?committee rdfs:label ?committeeLabel .
  OPTIONAL { ?committee org:subOrganizationOf ?municipality }
  OPTIONAL { ?meeting dct:date ?date }
  OPTIONAL { ?meeting prov:startedAtTime ?start }
  OPTIONAL { ?meeting prov:endedAtTime ?end }
  OPTIONAL { ?meeting prov:atLocation ?place }
  OPTIONAL { ?meeting mkg:agendaItem ?item }
}
GROUP BY ?meeting ?label ?committee ?committeeLabel ?municipality ?date ?start ?end ?place
ORDER BY DESC(?date) DESC(?start)
""",
    "organisations-that-presented": """
PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?organisation ?label (COUNT(DISTINCT ?item) AS ?items) (GROUP_CONCAT(DISTINCT ?name; separator=", ") AS ?people)
WHERE {
  ?item mkg:presenter ?person .
  ?membership org:member ?person ; org:organization ?organisation .
  ?organisation rdfs:label ?label .
  FILTER NOT EXISTS { ?organisation a mkg:WorkingGroup }
  ?person foaf:name ?name .
}
GROUP BY ?organisation ?label
ORDER BY DESC(?items) ?label
""",
    "people-of-project": """
PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>

SELECT DISTINCT ?project ?person ?name ?as
WHERE {
  {
    ?membership org:member ?person ; org:organization ?group .
    ?group mkg:worksOn ?project .
    BIND("member" AS ?as)
  } UNION {
    ?project mkg:owner ?person .
    BIND("owner" AS ?as)
  }
  ?person foaf:name ?name .
}
ORDER BY ?as ?name
""",
    "technologies-by-committee": """
PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

SELECT DISTINCT ?committee ?meeting ?date ?start ?concept ?label ?wikidata
WHERE {
  {
    SELECT DISTINCT ?committee ?meeting ?date ?start ?concept WHERE {
      ?meeting mkg:heldBy ?committee ; mkg:agendaItem ?item .
      ?item mkg:discusses ?concept .
      ?concept skos:inScheme <https://w3id.org/minutes-kg/concepts/technologies> .
      OPTIONAL { ?meeting dct:date ?date }
      OPTIONAL { ?meeting prov:startedAtTime ?start }
    }
  }
  OPTIONAL {
    SELECT DISTINCT ?concept ?label WHERE {
      ?concept skos:prefLabel ?label FILTER(LANGMATCHES(LANG(?label), "da"))
    }
  }
  OPTIONAL { SELECT DISTINCT ?concept ?wikidata WHERE { ?concept skos:exactMatch ?wikidata } }
}
ORDER BY ?date ?start ?label
""",
    "who-works-on-what": """
PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT DISTINCT ?committee ?person ?name ?group ?project ?projectLabel
WHERE {
  ?membership org:member ?person ; org:organization ?group .
  ?group a mkg:WorkingGroup ; mkg:worksOn ?project ; org:subOrganizationOf ?committee .
  ?person foaf:name ?name .
  ?project rdfs:label ?projectLabel .
}
ORDER BY ?projectLabel ?name
""",
}

#: decisions-containing before the search index found its words: a text match in SPARQL.
OLD_DECISIONS = """
PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>

SELECT DISTINCT ?word ?item ?title ?meeting ?date ?start ?decision
WHERE {
  ?item mkg:decision ?decision ; dct:title ?title .
  ?meeting mkg:agendaItem ?item .
  OPTIONAL { ?meeting dct:date ?date }
  OPTIONAL { ?meeting prov:startedAtTime ?start }
  FILTER(CONTAINS(LCASE(STR(?decision)), LCASE(STR(?word))))
}
ORDER BY DESC(?date) DESC(?start)
"""
#: Where each kind of parameter value is found in the store.
VALUES_OF = {
    "person": "SELECT DISTINCT ?v WHERE { ?s mkg:present|mkg:absent|org:member|mkg:owner ?v }",
    "project": "SELECT DISTINCT ?v WHERE { ?v a mkg:Project }",
    "committee": "SELECT DISTINCT ?v WHERE { ?m mkg:heldBy ?v }",
    "caseId": "SELECT DISTINCT ?v WHERE { ?c a mkg:Case ; dct:identifier ?v }",
}


@pytest.fixture(scope="module")
def store(examples_store: Path) -> ox.Store:
    return ox.Store.read_only(str(examples_store / "oxigraph"))


def answers(results: object) -> list[tuple[str | None, ...]]:
    """Rows as sorted tuples of N-Triples terms; a GROUP_CONCAT of names, whose order
    SPARQL leaves open, as its sorted parts."""
    assert isinstance(results, ox.QuerySolutions)
    names = [v.value for v in results.variables]
    rows = []
    for solution in results:
        row: list[str | None] = []
        for name in names:
            term = solution[name]
            if term is None:
                row.append(None)
            elif name == "people":
                row.append(", ".join(sorted(term.value.split(", "))))
            else:
                row.append(str(term))
        rows.append(tuple(row))
    return sorted(rows, key=repr)


def runs(store: ox.Store, query: NamedQuery) -> list[dict[str, str]]:
    """Every combination of values to try: each value the store holds for a parameter,
    and no value for an optional one."""
    if not query.params:
        return [{}]
    (param,) = query.params  # every named query takes at most one parameter
    found = [row["v"] for row in distinct_rows(store, VALUES_OF[param.name])]
    assert found, f"the examples hold no {param.name}"
    return [{param.name: v} for v in found] + ([] if param.required else [{}])


@pytest.mark.parametrize("name", sorted(OLD))
def test_rewrite_answers_as_before(store: ox.Store, name: str) -> None:
    query = catalogue(ROOT / "kg" / "data" / "sparql")[name]
    old = NamedQuery(name, "", "", query.params, OLD[name])
    nonempty = 0
    for values in runs(store, query):
        before = answers(store.query(old.text, substitutions=old.bindings(values)))
        now = answers(run(store, query, values))
        assert now == before, values
        nonempty += bool(now)
    assert nonempty, "no run gave any answer: the comparison proved nothing"


@pytest.mark.parametrize("name", ["attendance-of-person", "projects-and-roles-of-person"])
def test_values_binding_answers_as_substitutions(store: ox.Store, name: str) -> None:
    query = catalogue(ROOT / "kg" / "data" / "sparql")[name]
    for values in runs(store, query):
        before = query.text, query.bindings(values)
        substituted = store.query(before[0], substitutions=before[1])
        assert answers(run(store, query, values)) == answers(substituted), values


def test_values_open_each_subselect_that_projects_the_parameter(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text(
        "# param: x iri\n"
        "SELECT ?x ?y WHERE {\n"
        "  { SELECT DISTINCT ?x ?y WHERE { ?x <urn:p> ?y } }\n"
        "  { SELECT ?y WHERE { ?x <urn:q> ?y } }\n"
        "  { SELECT * WHERE { ?x <urn:r> ?y } }\n"
        "}\n",
        encoding="utf-8",
    )
    text = read_query(path).bound({"x": "urn:a"})
    block = "VALUES (?x) { (<urn:a>) }"
    assert text.count(block) == 3  # the top-level group, the first and the * sub-select
    assert "{ SELECT ?y WHERE { ?x <urn:q>" in text  # its ?x is its own: not bound
    facts = [
        ("urn:a", "urn:p", "1"),
        ("urn:b", "urn:p", "2"),
        ("urn:b", "urn:q", "1"),
        ("urn:a", "urn:r", "1"),
        ("urn:b", "urn:r", "1"),
    ]
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.Literal(o)) for s, p, o in facts)
    rows = answers(store.query(text, use_default_graph_as_union=True))
    assert rows == [("<urn:a>", '"1"')]


def test_a_text_value_is_a_literal_never_query_text() -> None:
    query = catalogue(ROOT / "kg" / "data" / "sparql")["decisions-containing"]
    sneaky = '" ) } SELECT * WHERE { ?s ?p ?o } #'
    mkg, dct, prov = (
        "https://w3id.org/minutes-kg/ontology#",
        "http://purl.org/dc/terms/",
        "http://www.w3.org/ns/prov#",
    )
    item, meeting = ox.NamedNode("urn:item"), ox.NamedNode("urn:meeting")
    facts: list[tuple[ox.NamedNode, str, ox.NamedNode | ox.Literal]] = [
        (item, mkg + "decision", ox.Literal(f"Decided {sneaky} today")),
        (item, dct + "title", ox.Literal("An item")),
        (meeting, mkg + "agendaItem", item),
        (meeting, prov + "startedAtTime", ox.Literal("2024-01-01")),
    ]
    store = ox.Store()
    store.extend(ox.Quad(s, ox.NamedNode(p), o, ox.NamedNode("urn:graph")) for s, p, o in facts)
    bound = query.bound({"text": sneaky}, found=["urn:item"])
    results = store.query(bound, use_default_graph_as_union=True)
    assert isinstance(results, ox.QuerySolutions)
    assert [v.value for v in results.variables] == [
        "text",
        "item",
        "title",
        "meeting",
        "date",
        "start",
        "decision",
    ]
    assert [(s["text"], s["item"]) for s in results] == [(ox.Literal(sneaky), item)]
    optional = catalogue(ROOT / "kg" / "data" / "sparql")["who-works-on-what"]
    assert optional.bound({}) == optional.text


@pytest.mark.parametrize(
    ("word", "held"),
    [("godkendt", True), ("GODKENDT", True), ("tiltrådt", False), ("zzz-absent", False)],
)
def test_decisions_containing_finds_what_the_text_match_found(
    store: ox.Store, tmp_path: Path, word: str, held: bool
) -> None:
    """The index finds every item whose decision the old text match found (and other
    forms of the word besides), and for those items the query answers the same rows."""
    query = catalogue(ROOT / "kg" / "data" / "sparql")["decisions-containing"]
    old = store.query(
        OLD_DECISIONS,
        use_default_graph_as_union=True,
        substitutions={ox.Variable("word"): ox.Literal(word)},
    )
    before = answers(old)
    found = found_for(query, {"text": word}, SearchIndex.ready(tmp_path, store))
    now = answers(run(store, query, {"text": word}, found))
    items = {row[1] for row in before}
    assert items <= {row[1] for row in now}
    assert [row for row in now if row[1] in items] == before
    if held:
        assert items, "the examples hold no such decision: the comparison proved nothing"
