"""Linked data: every IRI the graph mints dereferences, in every format, on any host."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import NoMatchFound

from kg.store import union
from kg.vocab import DCT, FOAF, MKG, ORG, OWL, PERSON, PROV, RDF, RDFS, XSD
from kg.web import resources
from kg.web.app import create_app
from kg.web.settings import ServeSettings
from tests.conftest import examples_built
from tests.helpers import BASE, open_store, select

pytestmark = pytest.mark.integration

#: The pages are Danish by default; these tests read the English ones.
ENGLISH = {"Accept-Language": "en"}

#: Not the host and port the store's IRIs were minted with.
HOST = "http://127.0.0.1:54321"
RDF_MEDIA = {
    "text/turtle": ("ttl", "turtle"),
    "application/ld+json": ("jsonld", "json-ld"),
    "application/n-triples": ("nt", "nt"),
}
MEETING = f"{BASE}id/meeting/havnbjerg-opgaveudvalg-om-groen-omstilling-2023-10-03"


@functools.cache
def _minted() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Every IRI the build minted (``{base}id/…``, as subject or object), split into those
    described and the retired ones (only ``owl:sameAs``) with the IRI they became."""
    store = open_store(examples_built().folder)  # at collection: each IRI is a parameter
    rows = select(
        store,
        f"""SELECT DISTINCT ?iri WHERE {{
              {{ ?iri ?p ?o }} UNION {{ ?s ?p ?iri }}
              FILTER(isIRI(?iri) && STRSTARTS(STR(?iri), "{BASE}id/"))
            }}""",
    )
    retired = {
        r["old"]: r["new"]
        for r in select(
            store,
            """SELECT ?old ?new WHERE {
                 ?old owl:sameAs ?new
                 FILTER NOT EXISTS { ?old ?p ?o FILTER(?p != owl:sameAs) }
               }""",
        )
    }
    described = sorted(r["iri"] for r in rows if r["iri"] not in retired)
    return tuple(described), tuple(sorted(retired.items()))


def _path(iri: str) -> str:
    assert iri.startswith(BASE), iri
    return "/" + iri[len(BASE) :]


def _sweep(iris: tuple[str, ...]) -> list[object]:
    """Every minted IRI as a parameter; all but the first of each kind (meeting, person, …)
    marked slow, so that the fast set (``-m "not slow"``) tries each kind once."""
    kinds: set[str] = set()
    params: list[object] = []
    for iri in iris:
        kind = _path(iri).split("/")[2]
        marks = [pytest.mark.slow] if kind in kinds else []
        kinds.add(kind)
        params.append(pytest.param(iri, id=_path(iri)[4:], marks=marks))
    return params


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "minted" in metafunc.fixturenames:
        described, _ = _minted()
        metafunc.parametrize("minted", _sweep(described))
    if "retired" in metafunc.fixturenames:
        _, retired = _minted()
        metafunc.parametrize("retired", retired, ids=[_path(old)[4:] for old, _ in retired])


def _app(store: Path, base_iri: str = BASE) -> FastAPI:
    app = create_app(ServeSettings(store=store, base_iri=base_iri))
    try:
        app.url_path_for("resource", kind="person", slug="x")
    except NoMatchFound:  # create_app does not include the resources yet
        app.include_router(resources.router)
    resources.mount_static(app)
    return app


@pytest.fixture(scope="module")
def client(examples_store: Path) -> Iterator[TestClient]:
    with TestClient(_app(examples_store), base_url=HOST, headers=ENGLISH) as c:
        yield c


@pytest.fixture(scope="module")
def store(examples_store: Path) -> ox.Store:
    return open_store(examples_store)


def _parse(body: bytes, media: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=body, format=RDF_MEDIA[media][1])
    return graph


def _html(client: TestClient, iri: str) -> str:
    response = client.get(_path(iri), headers={"accept": "text/html"})
    assert response.status_code == 200, response.text
    text: str = response.text
    return text


# ------------------------------------------------------------- every minted IRI


def test_the_examples_mint_iris_of_every_common_kind() -> None:
    described, retired = _minted()
    kinds = {_path(i).split("/")[2] for i in described}
    assert {"meeting", "item", "person", "committee", "document", "membership"} <= kinds
    assert retired


@pytest.mark.parametrize("media", list(RDF_MEDIA))
def test_every_minted_iri_answers_rdf_by_accept_and_by_suffix(
    client: TestClient, minted: str, media: str
) -> None:
    suffix = RDF_MEDIA[media][0]
    by_accept = client.get(_path(minted), headers={"accept": media})
    # the suffix wins over an Accept header that asks for something else
    by_suffix = client.get(f"{_path(minted)}.{suffix}", headers={"accept": "text/html"})
    for response in (by_accept, by_suffix):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == media
        graph = _parse(response.content, media)
        assert (rdflib.URIRef(minted), None, None) in graph
    assert by_accept.content == by_suffix.content


def test_every_minted_iri_answers_html_by_accept_and_by_suffix(
    client: TestClient, minted: str
) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    by_accept = client.get(_path(minted), headers={"accept": browser})
    by_suffix = client.get(f"{_path(minted)}.html", headers={"accept": "text/turtle"})
    for response in (by_accept, by_suffix):
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert "<h1" in response.text
        assert minted in response.text


def test_without_accept_the_answer_is_html(client: TestClient) -> None:
    response = client.get(_path(MEETING), headers={"accept": ""})
    assert response.headers["content-type"].startswith("text/html")


def test_rdf_xml_by_accept(client: TestClient) -> None:
    response = client.get(_path(MEETING), headers={"accept": "application/rdf+xml"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/rdf+xml"
    graph = rdflib.Graph().parse(data=response.content, format="xml")
    assert (rdflib.URIRef(MEETING), None, None) in graph


def test_accept_quality_values_choose(client: TestClient) -> None:
    accept = "text/html;q=0.5, application/ld+json;q=0.9, text/turtle;q=0.7"
    response = client.get(_path(MEETING), headers={"accept": accept})
    assert response.headers["content-type"].startswith("application/ld+json")


def test_negotiated_answers_vary_by_accept_and_name_their_format(client: TestClient) -> None:
    response = client.get(_path(MEETING), headers={"accept": "text/turtle"})
    assert "accept" in response.headers["vary"].lower()
    assert response.headers["content-location"] == _path(MEETING) + ".ttl"
    assert f'<{_path(MEETING)}.jsonld>; rel="alternate"' in response.headers["link"]


# ------------------------------------------------------------- host and path


@pytest.mark.slow  # three applications started
def test_the_host_does_not_matter(examples_store: Path) -> None:
    bodies = []
    for host in ("http://localhost:8000", "http://127.0.0.1:54321", "https://data.example.org"):
        with TestClient(_app(examples_store), base_url=host, headers=ENGLISH) as c:
            response = c.get(_path(MEETING), headers={"accept": "text/turtle"})
            assert response.status_code == 200
            bodies.append(response.content)
            other = c.get(_path(MEETING), headers={"accept": "text/turtle", "host": "x.test:9"})
            assert other.content == response.content
    assert bodies[0] == bodies[1] == bodies[2]


def test_links_on_pages_are_local_paths(client: TestClient) -> None:
    page = _html(client, MEETING)
    assert 'href="/id/committee/havnbjerg-opgaveudvalg-om-groen-omstilling"' in page
    assert 'href="http://localhost:8000/id/' not in page


# ------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "path",
    [
        "/id/person/nobody-of-that-name",
        "/id/person/nobody-of-that-name.ttl",
        "/id/meeting/havnbjerg-opgaveudvalg-om-groen-omstilling-1999-01-01",
        "/id/spaceship/opgaveudvalg-om-groen-omstilling",
        "/id/spaceship/x.ttl",
        "/.well-known/genid/000000000000000000000000",
        "/id/person/gry ravn",
        "/id/person/x.json",
    ],
)
def test_unknown_iris_are_404(client: TestClient, path: str) -> None:
    for accept in ("text/html", "text/turtle", "application/json"):
        response = client.get(path, headers={"accept": accept})
        assert response.status_code == 404, (path, accept)


def test_unknown_kind_says_which_kinds_there_are(client: TestClient) -> None:
    body = client.get("/id/spaceship/x", headers={"accept": "application/json"}).json()
    assert body["status"] == 404
    assert "meeting" in body["hint"]


def test_406_when_accept_allows_none(client: TestClient) -> None:
    response = client.get(_path(MEETING), headers={"accept": "image/png, application/pdf"})
    assert response.status_code == 406
    # a suffix names the format whatever Accept says
    assert client.get(_path(MEETING) + ".nt", headers={"accept": "image/png"}).status_code == 200


# ------------------------------------------------------------- retired IRIs


def test_a_retired_iri_redirects(client: TestClient, retired: tuple[str, str]) -> None:
    """A person's or a committee's id of another spelling (issue 13, point 3)."""
    old, new = retired
    assert old.startswith((f"{BASE}id/person/", f"{BASE}id/committee/"))
    response = client.get(_path(old), headers={"accept": "text/html"}, follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == _path(new)
    for suffix in ("ttl", "jsonld", "nt"):
        response = client.get(f"{_path(old)}.{suffix}", follow_redirects=False)
        assert response.status_code == 301
        assert response.headers["location"] == f"{_path(new)}.{suffix}"
    followed = client.get(_path(old), headers={"accept": "text/turtle"})
    assert followed.status_code == 200
    assert (rdflib.URIRef(new), None, None) in _parse(followed.content, "text/turtle")


def test_the_new_iri_lists_the_retired_one(client: TestClient) -> None:
    _, retired = _minted()
    old, new = retired[0]
    page = _html(client, new)
    assert "Former identifiers" in page
    assert f'href="{_path(old)}"' in page


# ------------------------------------------------------------- the description


def test_description_is_the_subject_triples_once_each_plus_labels(
    client: TestClient, store: ox.Store
) -> None:
    response = client.get(_path(MEETING) + ".nt")
    lines = [line for line in response.text.splitlines() if line.strip()]
    assert len(lines) == len(set(lines)), "the union of graphs repeats triples; the answer not"
    graph = _parse(response.content, "application/n-triples")
    meeting = rdflib.URIRef(MEETING)
    expected = select(store, f"SELECT DISTINCT ?p ?o WHERE {{ <{MEETING}> ?p ?o }}")
    assert len(list(graph.triples((meeting, None, None)))) == len(expected)
    label = rdflib.URIRef(RDFS.label)
    for person in graph.objects(meeting, rdflib.URIRef(MKG.present)):
        assert (person, label, None) in graph, person
    # nothing else: no provenance statements, no triples of other resources but labels
    assert {p for s, p, _ in graph if s != meeting} == {label}


def test_rdf_has_the_prefixes(client: TestClient) -> None:
    person = f"{BASE}id/person/torben-melgaard"
    turtle = client.get(_path(person) + ".ttl").text
    assert "@prefix person: <http://www.w3.org/ns/person#>" in turtle
    assert f"@prefix people: <{BASE}id/person/>" in turtle
    assert "a person:Person" in turtle
    # only the prefixes the description uses (all thirty were half of a resource's file)
    declared = dict(re.findall(r"^@prefix (\w+): <([^>]+)> \.$", turtle, flags=re.M))
    graph = _parse(turtle.encode(), "text/turtle")
    iris = {str(t) for triple in graph for t in triple if isinstance(t, rdflib.URIRef)}
    iris |= {str(o.datatype) for o in graph.objects() if isinstance(o, rdflib.Literal)}
    assert declared and all(any(i.startswith(ns) for i in iris) for ns in declared.values())
    assert "meeting" not in declared  # the person's description names no meeting
    assert "people:torben-melgaard" in turtle
    document = client.get(_path(person) + ".jsonld").json()
    assert document["@context"]["person"] == "http://www.w3.org/ns/person#"
    assert document["@context"]["people"] == f"{BASE}id/person/"
    assert "mkg" not in document["@context"]


def test_skolem_statement_nodes_dereference(client: TestClient, store: ox.Store) -> None:
    rows = select(
        store,
        f"""SELECT ?st WHERE {{ GRAPH ?doc {{ ?st a rdf:Statement ; rdf:subject <{MEETING}> }} }}
            ORDER BY ?st LIMIT 5""",
    )
    assert rows
    for row in rows:
        statement = row["st"]
        assert statement.startswith(f"{BASE}.well-known/genid/")
        response = client.get(_path(statement) + ".ttl")
        assert response.status_code == 200
        graph = _parse(response.content, "text/turtle")
        assert (
            rdflib.URIRef(statement),
            rdflib.URIRef(RDF.subject),
            rdflib.URIRef(MEETING),
        ) in graph
        page = _html(client, statement)
        assert f'href="{_path(MEETING)}"' in page


# ------------------------------------------------------------- the page


def test_page_head_links_the_alternate_formats(client: TestClient) -> None:
    page = _html(client, MEETING)
    for suffix, media in (
        ("ttl", "text/turtle"),
        ("jsonld", "application/ld+json"),
        ("nt", "application/n-triples"),
    ):
        link = f'<link rel="alternate" type="{media}" href="{_path(MEETING)}.{suffix}"'
        assert link in page
        assert f'href="{_path(MEETING)}.{suffix}"' in page.split("</head>")[1]
    assert '<link rel="stylesheet" href="/static/style.css">' in page


def test_the_style_sheet_is_served(client: TestClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert "@media" in response.text
    assert "http" not in response.text  # nothing fetched from elsewhere


def test_page_shows_label_and_compact_linked_type(client: TestClient) -> None:
    page = _html(client, MEETING)
    assert "<h1" in page
    assert re.search(r"<h1[^>]*>Opgaveudvalg om Grøn Omstilling, 3\. oktober 2023</h1>", page)
    assert f'href="{MKG.Meeting}"' in page
    assert "<code>mkg:Meeting</code>" in page
    person = _html(client, f"{BASE}id/person/torben-melgaard")
    assert f'href="{PERSON.Person}"' in person
    assert "<code>person:Person</code>" in person


def test_a_meeting_page_shows_committee_time_place_attendance_and_items(
    client: TestClient, store: ox.Store
) -> None:
    page = _html(client, MEETING)
    assert "3 October 2023, 16:30–21:00" in page
    (place,) = select(store, f"SELECT ?place WHERE {{ <{MEETING}> prov:atLocation ?place }}")
    assert place["place"] in page
    for attendance in ("present", "absent"):
        people = select(
            store,
            f"""SELECT ?person ?name WHERE {{
                  <{MEETING}> mkg:{attendance} ?person . ?person rdfs:label ?name }}""",
        )
        assert people, attendance
        for person in people:
            assert f'href="{_path(person["person"])}"' in page
            assert f">{person['name']}</a>" in page
    items = select(
        store,
        f"""SELECT ?item ?number ?title WHERE {{
              <{MEETING}> mkg:agendaItem ?item . ?item mkg:number ?number ; dct:title ?title
            }}""",
    )
    assert len(items) >= 2
    positions = []
    for item in sorted(items, key=lambda i: int(i["number"])):
        text = f">{item['number']}. {item['title']}</a>"
        assert text in page
        positions.append(page.index(text))
    assert positions == sorted(positions), "items in number order"


def test_a_person_page_shows_meetings_groups_with_roles_and_presented_items(
    client: TestClient, store: ox.Store
) -> None:
    person = f"{BASE}id/person/mads-lauridsen"
    page = _html(client, person)
    meetings = select(store, f"SELECT ?m WHERE {{ ?m mkg:present|mkg:absent <{person}> }}")
    for meeting in meetings:
        assert f'href="{_path(meeting["m"])}"' in page
    memberships = select(
        store,
        f"""SELECT ?org ?orgName ?roleName WHERE {{
              ?m org:member <{person}> ; org:organization ?org ; org:role ?role .
              ?org rdfs:label ?orgName . ?role rdfs:label ?roleName }}""",
    )
    assert memberships
    for m in memberships:
        assert f'href="{_path(m["org"])}"' in page
        assert m["orgName"] in page
        assert m["roleName"] in page
    presented = select(store, f"SELECT ?item WHERE {{ ?item mkg:presenter <{person}> }}")
    assert presented
    assert "Presented" in page
    for item in presented:
        assert f'href="{_path(item["item"])}"' in page


def test_a_working_group_page_lists_its_members(client: TestClient, store: ox.Store) -> None:
    group = f"{BASE}id/group/havnbjerg-opgaveudvalg-om-groen-omstilling-klimavenlige-skoler"
    page = _html(client, group)
    members = select(store, f"SELECT ?p WHERE {{ ?m org:organization <{group}> ; org:member ?p }}")
    assert members
    assert re.search(rf'Members <span class="count">{len(members)}</span>', page)
    for member in members:
        assert f'href="{_path(member["p"])}"' in page


def test_incoming_links_are_grouped_with_counts(client: TestClient, store: ox.Store) -> None:
    person = f"{BASE}id/person/torben-melgaard"
    page = _html(client, person)
    (count,) = select(
        store, f"SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m mkg:present <{person}> }}"
    )
    assert re.search(rf'Present at <span class="count">{count["n"]}</span>', page)
    assert '<code title="https://w3id.org/minutes-kg/ontology#present">mkg:present</code>' in page


def test_provenance_lines_appear_for_a_decision(client: TestClient, store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?item ?doc ?file ?page ?first ?last WHERE {
             GRAPH ?doc { ?st rdf:subject ?item ; rdf:predicate mkg:decision ;
                 mkg:page ?page ; mkg:firstLine ?first ; mkg:lastLine ?last }
             ?doc rdfs:label ?file
           } ORDER BY ?item LIMIT 1""",
    )
    (row,) = rows
    page = _html(client, row["item"])
    assert "Decision" in page
    where = f"page {row['page']}, lines {row['first']}–{row['last']}"
    assert where in page
    source = re.search(
        rf'Source:</span> <a href="{re.escape(_path(row["doc"]))}"[^>]*>{re.escape(row["file"])}</a>, {where}',
        page,
    )
    assert source, "the decision names its document, page and lines"


def test_source_text_is_shown_where_it_differs(client: TestClient, store: ox.Store) -> None:
    rows = select(
        store,
        f"""SELECT ?text WHERE {{
              GRAPH ?doc {{ ?st rdf:subject <{MEETING}> ; rdf:predicate prov:startedAtTime ;
                mkg:sourceText ?text }} }}""",
    )
    assert rows
    page = _html(client, MEETING)
    for row in rows:
        assert f'<q class="source-text">{row["text"]}</q>' in page


def test_section_texts_keep_their_line_breaks(client: TestClient, store: ox.Store) -> None:
    (row,) = select(
        store,
        f"""SELECT ?text WHERE {{ <{MEETING}> mkg:agendaItem ?i . ?i mkg:number 1 ; mkg:summary ?text }}
            LIMIT 1""",
    )
    item = select(store, f"SELECT ?i WHERE {{ <{MEETING}> mkg:agendaItem ?i . ?i mkg:number 1 }}")
    page = _html(client, item[0]["i"])
    assert "\n" in row["text"]
    escaped = row["text"].replace("&", "&amp;").replace('"', "&#34;").replace("<", "&lt;")
    assert f'<div class="text" lang="da">{escaped}</div>' in page
    assert '<span class="tag" title="language">@da</span>' in page


# ------------------------------------------------------------- escaping and long lists

EVIL = "<script>alert('x')</script>"
SMALL_BASE = "http://localhost:8000/"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A store written by hand: text with markup in it, and a person at 60 meetings."""
    folder = tmp_path_factory.mktemp("small")
    writer = ox.Store(str(folder / "oxigraph"))
    n = ox.NamedNode
    doc = n(f"{SMALL_BASE}id/document/evil-txt")
    person = n(f"{SMALL_BASE}id/person/eve")
    quads = [
        ox.Quad(doc, n(RDF.type), n(MKG.SourceDocument), doc),
        ox.Quad(doc, n(RDFS.label), ox.Literal(f"{EVIL}.txt"), doc),
        ox.Quad(person, n(RDF.type), n(PERSON.Person), doc),
        ox.Quad(person, n(RDFS.label), ox.Literal(EVIL), doc),
        ox.Quad(person, n(FOAF.name), ox.Literal(f'"Eve" & {EVIL}', language="da"), doc),
    ]
    statement = n(f"{SMALL_BASE}.well-known/genid/0123456789abcdef01234567")
    quads += [
        ox.Quad(statement, n(RDF.type), n(RDF.Statement), doc),
        ox.Quad(statement, n(RDF.subject), person, doc),
        ox.Quad(statement, n(RDF.predicate), n(FOAF.name), doc),
        ox.Quad(statement, n(RDF.object), ox.Literal(f'"Eve" & {EVIL}', language="da"), doc),
        ox.Quad(statement, n(PROV.wasDerivedFrom), doc, doc),
        ox.Quad(statement, n(MKG.page), ox.Literal("1", datatype=n(XSD.integer)), doc),
        ox.Quad(statement, n(MKG.firstLine), ox.Literal("2", datatype=n(XSD.integer)), doc),
        ox.Quad(statement, n(MKG.lastLine), ox.Literal("3", datatype=n(XSD.integer)), doc),
        ox.Quad(
            statement, n(MKG.sourceText), ox.Literal(f"<img src=x onerror=alert(1)> {EVIL}"), doc
        ),
    ]
    for day in range(60):
        meeting = n(f"{SMALL_BASE}id/meeting/m-{day:02}")
        quads += [
            ox.Quad(meeting, n(RDF.type), n(MKG.Meeting), doc),
            ox.Quad(meeting, n(RDFS.label), ox.Literal(f"Meeting {day:02}", language="da"), doc),
            ox.Quad(meeting, n(MKG.present), person, doc),
            ox.Quad(meeting, n(DCT.description), ox.Literal(EVIL), doc),
        ]
    quads.append(ox.Quad(n(f"{SMALL_BASE}id/person/old-eve"), n(OWL.sameAs), person, doc))
    quads.append(ox.Quad(person, n(ORG.memberOf), n("https://elsewhere.example/x"), doc))
    quads.append(ox.Quad(person, n(FOAF.homepage), n("javascript:alert(1)"), doc))
    quads.append(ox.Quad(person, n("javascript:alert(2)"), ox.Literal("x"), doc))
    writer.extend(quads)
    writer.update(union.rebuild())  # the default graph, as the store's writes keep it
    writer.flush()
    del writer
    with TestClient(_app(folder, SMALL_BASE), base_url=HOST, headers=ENGLISH) as c:
        yield c


def test_text_from_documents_is_escaped(small: TestClient) -> None:
    page = small.get("/id/person/eve", headers={"accept": "text/html"}).text
    assert "<script>" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&#34;Eve&#34; &amp; &lt;script&gt;" in page
    assert page.count("<script") == 0
    meeting = small.get("/id/meeting/m-00", headers={"accept": "text/html"}).text
    assert "<script>" not in meeting
    assert "&lt;script&gt;" in meeting


def test_text_from_documents_survives_in_rdf(small: TestClient) -> None:
    for media in RDF_MEDIA:
        response = small.get("/id/person/eve", headers={"accept": media})
        graph = _parse(response.content, media)
        person = rdflib.URIRef(f"{SMALL_BASE}id/person/eve")
        assert str(graph.value(person, rdflib.URIRef(RDFS.label))) == EVIL


def test_data_cannot_make_script_links(small: TestClient) -> None:
    page = small.get("/id/person/eve", headers={"accept": "text/html"}).text
    assert "javascript:alert(1)" in page  # shown, as text
    assert not re.search(r'href="\s*javascript:', page, re.IGNORECASE)


def test_long_incoming_lists_stop_at_50(small: TestClient) -> None:
    page = small.get("/id/person/eve", headers={"accept": "text/html"}).text
    assert re.search(r'Present at <span class="count">60</span>', page)
    assert page.count('href="/id/meeting/m-') == 50
    assert "and 10 more" in page


def test_links_outside_the_dataset_stay_absolute(small: TestClient) -> None:
    page = small.get("/id/person/eve", headers={"accept": "text/html"}).text
    assert 'href="https://elsewhere.example/x"' in page
    assert json.loads(small.get("/id/person/eve.jsonld").text)["@graph"]


def test_another_base_iri_answers_for_its_own_paths(tmp_path: Path) -> None:
    """A dataset built with another base is served at the paths of its own IRIs."""
    folder = tmp_path
    writer = ox.Store(str(folder / "oxigraph"))
    writer.add(
        ox.Quad(
            ox.NamedNode("https://data.example.org/id/person/ann"),
            ox.NamedNode(RDFS.label),
            ox.Literal("Ann"),
            ox.NamedNode("https://data.example.org/id/document/d"),
        )
    )
    writer.update(union.rebuild())
    writer.flush()
    del writer
    with TestClient(_app(folder, "https://data.example.org/"), base_url=HOST, headers=ENGLISH) as c:
        response = c.get("/id/person/ann", headers={"accept": "text/turtle"})
        assert response.status_code == 200
        assert "@prefix people: <https://data.example.org/id/person/>" in response.text
        assert c.get("/id/person/bob").status_code == 404
