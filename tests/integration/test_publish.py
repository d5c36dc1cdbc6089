"""`kg publish` on the examples: dumps, catalogue, VoID, the static site, the server's
metadata, releases and the changelog, and that no withheld text reaches any of them."""

from __future__ import annotations

import gzip
import hashlib
import http.client
import json
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.compare import isomorphic, to_isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.iri import statistics_graph
from kg.pipeline import build
from kg.publish.catalog import CATALOG
from kg.publish.conformance import check
from kg.publish.dumps import DumpFormat, read_dump
from kg.publish.publisher import PublishReport, publish_data
from kg.publish.settings import PublishSettings
from kg.publish.site import local_path, minted, publish
from kg.publish.void import VOID
from kg.settings import BuildSettings
from kg.web.app import create_app
from kg.web.settings import ServeSettings
from tests.conftest import EXAMPLES, STANDARDS
from tests.helpers import BASE, open_store, select

SETTINGS = PublishSettings(version="1.0.0", publisher_name="Havnbjerg Kommune")


@pytest.fixture(scope="module")
def built(examples_store: Path) -> Path:
    return examples_store


@pytest.fixture(scope="module")
def store(built: Path) -> ox.Store:
    return open_store(built)


@pytest.fixture(scope="module")
def released(store: ox.Store, tmp_path_factory: pytest.TempPathFactory) -> PublishReport:
    standards = STANDARDS if STANDARDS.is_dir() else None
    return publish(store, tmp_path_factory.mktemp("release"), SETTINGS, standards=standards)


def _triples(quads: Iterator[ox.Quad] | list[ox.Quad]) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


# ---------------------------------------------------------------- dumps


def test_nquads_dump_holds_every_graph_of_the_store(
    store: ox.Store, released: PublishReport
) -> None:
    """Every graph but the statistics graph, the server's bookkeeping (`kg.iri`)."""
    quads = set(read_dump(released.out / "dumps" / DumpFormat.NQUADS.value))
    statistics = ox.NamedNode(statistics_graph(BASE))
    assert any(store.quads_for_pattern(None, None, None, statistics))
    assert quads == set(_published(store))
    for graph in store.named_graphs():
        mine = {q for q in quads if q.graph_name == graph}
        expected = (
            set() if graph == statistics else set(store.quads_for_pattern(None, None, None, graph))
        )
        assert mine == expected, graph


def _published(store: ox.Store) -> list[ox.Quad]:
    statistics = ox.NamedNode(statistics_graph(BASE))
    return [  # the named graphs' quads (the default graph is their union), but statistics
        q
        for q in store.quads_for_pattern(None, None, None, None)
        if q.graph_name != statistics and not isinstance(q.graph_name, ox.DefaultGraph)
    ]


def test_turtle_dump_holds_the_distinct_triples(store: ox.Store, released: PublishReport) -> None:
    expected = _triples(_published(store))
    assert _triples(read_dump(released.out / "dumps" / DumpFormat.TURTLE.value)) == expected
    # a gzipped Turtle file that rdflib reads too, with the published prefixes
    data = gzip.decompress((released.out / "dumps" / DumpFormat.TURTLE.value).read_bytes())
    assert len(rdflib.Graph().parse(data=data, format="turtle")) == len(expected)
    published = json.loads((released.out / "context.jsonld").read_text())["@context"]
    assert f"@prefix people: <{published['people']}> .".encode() in data


def test_dumps_are_gzipped_only_and_the_catalogue_says_so(released: PublishReport) -> None:
    """The plain dumps were half of the examples' site; each is now a .gz file, and each
    distribution of the catalogue gives the inner format and the compression."""
    files = sorted(p.name for p in (released.out / "dumps").iterdir())
    assert files == ["SHA256SUMS", "dumps.json", "minutes-kg.nq.gz", "minutes-kg.ttl.gz"]
    for name in files[2:]:
        assert (released.out / "dumps" / name).read_bytes()[:2] == b"\x1f\x8b", name
    catalog = rdflib.Graph().parse(released.out / CATALOG)
    rows = catalog.query(
        """PREFIX dcat: <http://www.w3.org/ns/dcat#>
           SELECT ?url ?media ?zip WHERE { ?d dcat:downloadURL ?url ; dcat:mediaType ?media ;
             dcat:compressFormat ?zip }"""
    )
    iana = "https://www.iana.org/assignments/media-types/"
    found = {str(r[0]).rsplit("/", 1)[-1]: (str(r[1]), str(r[2])) for r in rows}  # type: ignore[index]
    assert found == {
        "minutes-kg.nq.gz": (iana + "application/n-quads", iana + "application/gzip"),
        "minutes-kg.ttl.gz": (iana + "text/turtle", iana + "application/gzip"),
    }


def test_checksums_and_sizes_match_the_files(released: PublishReport) -> None:
    sums = (released.out / "dumps" / "SHA256SUMS").read_text().splitlines()
    listing = json.loads((released.out / "dumps" / "dumps.json").read_text())
    assert len(sums) == len(listing) == len(DumpFormat)
    for line, entry in zip(sums, listing, strict=True):
        data = (released.out / "dumps" / entry["file"]).read_bytes()
        assert line == f"{hashlib.sha256(data).hexdigest()}  {entry['file']}"
        assert entry["bytes"] == len(data)
        assert entry["sha1"] == hashlib.sha1(data).hexdigest()
    # the catalogue states the checksum DCAT-AP-DK allows (SHA-1) of each dump
    catalog = rdflib.Graph().parse(released.out / CATALOG)
    rows = catalog.query(
        """PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX spdx: <http://spdx.org/rdf/terms#>
           SELECT ?url ?value WHERE { ?d dcat:downloadURL ?url ;
             spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha1 ; spdx:checksumValue ?value ] }"""
    )
    found = {str(r[0]).rsplit("/", 1)[-1]: str(r[1]) for r in rows}  # type: ignore[index]
    assert found == {e["file"]: e["sha1"] for e in listing}


# ---------------------------------------------------------------- catalogue and VoID


def test_published_catalogue_conforms_to_both_profiles(
    released: PublishReport, standards: Path
) -> None:
    assert released.standards == standards
    assert released.violations == []
    assert check(rdflib.Graph().parse(released.out / CATALOG), standards) == []


def test_catalogue_temporal_coverage_is_the_meetings_span(released: PublishReport) -> None:
    catalog = rdflib.Graph().parse(released.out / CATALOG)
    rows = list(
        catalog.query(
            """PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dct: <http://purl.org/dc/terms/>
               SELECT ?start ?end ?v WHERE { ?d a dcat:Dataset ; dcat:version ?v ;
                 dct:temporal [ dcat:startDate ?start ; dcat:endDate ?end ] }"""
        )
    )
    assert [tuple(str(x) for x in r) for r in rows] == [("2023-03-14", "2024-04-09", "1.0.0")]  # type: ignore[union-attr]


def _void_value(void: rdflib.Graph, name: str) -> int:
    dataset = rdflib.URIRef(f"{BASE}{CATALOG}#dataset")
    values = list(void.objects(dataset, VOID[name]))
    assert len(values) == 1, name
    return int(str(values[0]))


def test_void_counts_equal_the_store(store: ox.Store, released: PublishReport) -> None:
    void = rdflib.Graph().parse(released.out / ".well-known" / "void", format="turtle")
    triples = _triples(store.quads_for_pattern(None, None, None, None))
    assert _void_value(void, "triples") == len(triples)
    assert _void_value(void, "distinctSubjects") == len({t.subject for t in triples})
    assert _void_value(void, "distinctObjects") == len({t.object for t in triples})
    assert _void_value(void, "properties") == len({t.predicate for t in triples})
    by_property: dict[str, int] = {}
    for t in triples:
        by_property[t.predicate.value] = by_property.get(t.predicate.value, 0) + 1
    parts = {
        str(void.value(p, VOID.property)): int(str(void.value(p, VOID.triples)))
        for p in void.objects(None, VOID.propertyPartition)
    }
    assert parts == by_property
    meetings = len(select(store, "SELECT DISTINCT ?m WHERE { ?m a mkg:Meeting }"))
    classes = {
        str(void.value(p, VOID["class"])): int(str(void.value(p, VOID.entities)))
        for p in void.objects(None, VOID.classPartition)
    }
    assert classes["https://w3id.org/minutes-kg/ontology#Meeting"] == meetings == 9
    wikidata = {
        (t.subject, t.object)
        for t in triples
        if t.predicate.value.endswith(("#exactMatch", "#sameAs"))
        and isinstance(t.object, ox.NamedNode)
        and t.object.value.startswith("http://www.wikidata.org/entity/")
    }
    linked = sum(int(str(void.value(s, VOID.triples))) for s in void.subjects(None, VOID.Linkset))
    assert linked == len(wikidata) > 0


# ---------------------------------------------------------------- the server


@pytest.fixture(scope="module")
def client(built: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeSettings(store=built, publish=SETTINGS))) as c:
        yield c


def _without_checksums(graph: rdflib.Graph) -> rdflib.Graph:
    spdx = rdflib.Namespace("http://spdx.org/rdf/terms#")
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    copy = rdflib.Graph()
    checksums = set(graph.objects(None, spdx.checksum))
    for s, p, o in graph:
        if p in (spdx.checksum, dcat.byteSize) or s in checksums:
            continue
        if p == rdflib.RDF.type and o == spdx.ChecksumAlgorithm:
            continue
        copy.add((s, p, o))
    return copy


def test_server_metadata_is_the_published_metadata(
    client: TestClient, released: PublishReport
) -> None:
    """Except the dumps' checksums: the server has no dump files to hash."""
    answer = client.get("/catalog.ttl")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/turtle")
    served = rdflib.Graph().parse(data=answer.text, format="turtle")
    published = _without_checksums(rdflib.Graph().parse(released.out / CATALOG))
    assert isomorphic(to_isomorphic(served), to_isomorphic(published))
    void = client.get("/.well-known/void", headers={"Accept": "application/ld+json"})
    assert void.headers["content-type"].startswith("application/ld+json")
    served_void = rdflib.Graph().parse(data=void.text, format="json-ld")
    published_void = rdflib.Graph().parse(released.out / ".well-known" / "void", format="turtle")
    assert isomorphic(served_void, published_void)
    context = client.get("/context.jsonld")
    assert context.json() == json.loads((released.out / "context.jsonld").read_text())
    description = client.get("/sparql.ttl")
    assert isomorphic(
        rdflib.Graph().parse(data=description.text, format="turtle"),
        rdflib.Graph().parse(released.out / "sparql.ttl", format="turtle"),
    )


def test_the_server_serves_every_dump_its_catalogue_names(
    client: TestClient, released: PublishReport
) -> None:
    served = rdflib.Graph().parse(data=client.get("/catalog.ttl").text, format="turtle")
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    urls = [str(u) for u in served.objects(None, dcat.downloadURL)]
    void = client.get("/.well-known/void").text
    urls += re.findall(r"<(http://localhost:8000/dumps/[^>]+)>", void)
    assert len(urls) >= 4
    for url in urls:
        path = url.removeprefix("http://localhost:8000")
        answer = client.get(path)
        assert answer.status_code == 200, url
        assert answer.content == (released.out / path.lstrip("/")).read_bytes(), url
    assert (
        client.get("/dumps/SHA256SUMS").text == (released.out / "dumps" / "SHA256SUMS").read_text()
    )
    assert client.get("/dumps/other.nq").status_code == 404


# ---------------------------------------------------------------- the static site


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def static_server(released: PublishReport) -> Iterator[tuple[str, int]]:
    port = _free_port()
    command = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)]
    process = subprocess.Popen(
        [*command, "--directory", str(released.out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield ("127.0.0.1", port)
    finally:
        process.terminate()
        process.wait(timeout=10)


def _get(server: tuple[str, int], path: str) -> tuple[int, str, bytes]:
    """GET a path, following redirects; status, content type and body."""
    for _ in range(5):
        connection = http.client.HTTPConnection(*server, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        if response.status in (301, 302):
            path = urlsplit(response.getheader("Location", "")).path
            continue
        return response.status, response.getheader("Content-Type", ""), body
    raise AssertionError(f"too many redirects from {path}")


def test_static_site_dereferences_every_minted_iri(
    store: ox.Store, static_server: tuple[str, int]
) -> None:
    iris = minted(store, BASE)
    assert len(iris) > 150  # every resource under id/ (statements get no pages)
    for iri in iris:
        path = local_path(iri, BASE)
        assert path is not None, iri
        status, kind, body = _get(static_server, f"/{path}")
        assert status == 200, iri
        assert kind.startswith("text/html"), iri
        labels = select(
            store,
            f"SELECT ?l WHERE {{ <{iri}> rdfs:label|foaf:name|skos:prefLabel|dct:title ?l }}",
        )
        html = body.decode()
        for row in labels[:1]:
            escaped = row["l"].replace("&", "&amp;").replace('"', "&#34;").replace("'", "&#39;")
            assert escaped in html or row["l"] in html, iri
        status, _, data = _get(static_server, f"/{path}.ttl")
        assert status == 200, iri
        graph = rdflib.Graph().parse(data=data, format="turtle")
        assert (rdflib.URIRef(iri), None, None) in graph, iri


def test_static_site_serves_metadata_index_and_vocabularies(
    static_server: tuple[str, int],
) -> None:
    for path, fmt in (
        ("/catalog.ttl", "turtle"),
        ("/.well-known/void", "turtle"),
        ("/sparql.ttl", "turtle"),
        ("/ontology/minutes-kg.ttl", "turtle"),
    ):
        status, _, data = _get(static_server, path)
        assert status == 200, path
        assert len(rdflib.Graph().parse(data=data, format=fmt)) > 0, path
    for path, text in (
        ("/", "Downloads"),
        ("/ontology", "Meeting"),
        ("/concepts", "varmepumpe"),
        ("/meetings", "Klima"),
        ("/static/style.css", ""),
    ):
        status, _, data = _get(static_server, path)
        assert status == 200, path
        assert text in data.decode(), path


def test_every_link_of_the_static_site_resolves(released: PublishReport) -> None:
    out = released.out
    checked = 0
    for page in out.rglob("*.html"):
        for href in re.findall(r'(?:href|src)="([^"]+)"', page.read_text(encoding="utf-8")):
            if href.startswith(("http://", "https://", "mailto:", "#")):
                continue
            path = href.split("#")[0].split("?")[0]
            target = out / path.lstrip("/") if path.startswith("/") else page.parent / path
            assert target.is_file() or (target / "index.html").is_file(), (page, href)
            checked += 1
    assert checked > 5_000


def test_statements_get_no_pages_of_their_own(store: ox.Store, released: PublishReport) -> None:
    """The reified statements (each fact's source) are shown on the page of the resource
    they describe; files of their own were most of the site."""
    assert not (released.out / ".well-known" / "genid").exists()
    assert all("/.well-known/genid/" not in iri for iri in minted(store, BASE))
    statements = select(
        store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a rdf:Statement } }"
    )
    assert int(statements[0]["n"]) > 500


def test_the_examples_site_is_under_a_tenth_of_its_size_at_the_issue(
    released: PublishReport,
) -> None:
    """Issue 16: 23.4 MB when filed, 10.5 MB with the statements' pages gone; the dumps
    gzipped only, one RDF file per resource and compact pages bring it under 2.34 MB."""
    size = sum(p.stat().st_size for p in released.out.rglob("*") if p.is_file())
    assert size < 2_340_000


def test_every_resource_keeps_its_page_and_one_rdf_file_with_its_triples(
    store: ox.Store, released: PublishReport
) -> None:
    """Every IRI under id/ that the store describes (each had a page before) has its page
    and, beside it, one RDF file: Turtle, linked from the page, holding every triple
    the store states about the resource and, besides, only the labels of what it links
    to."""
    rows = select(
        store,
        f"""SELECT DISTINCT ?s WHERE {{ ?s ?p ?o
              FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{BASE}id/")) }}""",
    )
    iris = {r["s"] for r in rows}
    assert len(iris) > 150
    ids = released.out / "id"
    pages = {f"{BASE}id/{p.parent.relative_to(ids)}" for p in ids.rglob("index.html")}
    assert pages == iris
    others = [p for p in ids.rglob("*") if p.is_file() and p.name != "index.html"]
    assert {p.suffix for p in others} == {".ttl"} and len(others) == len(iris)
    label = rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    for iri in sorted(iris):
        folder = released.out / iri.removeprefix(BASE)
        html = (folder / "index.html").read_text(encoding="utf-8")
        assert f'href="/{iri.removeprefix(BASE)}.ttl"' in html, iri
        graph = rdflib.Graph().parse(folder.with_name(folder.name + ".ttl"), format="turtle")
        subject = rdflib.URIRef(iri)
        stated = select(store, f"SELECT DISTINCT ?p ?o WHERE {{ <{iri}> ?p ?o }}")
        assert len(set(graph.predicate_objects(subject))) == len(stated), iri
        rest = {p for s, p, _ in graph if s != subject and not isinstance(s, rdflib.BNode)}
        assert rest <= {label}, iri


def test_static_pages_are_compact_and_the_servers_pages_keep_their_titles(
    released: PublishReport, client: TestClient
) -> None:
    """A static page has no indentation and no hover title that repeats a link's address
    (served at the base IRI, the address is the IRI); the server's page still says the
    full IRI of each link on hover."""
    path = "id/person/torben-melgaard"
    html = (released.out / path / "index.html").read_text(encoding="utf-8")
    assert 'href="/id/meeting/' in html
    assert f' title="{BASE}' not in html
    assert not re.search(r"^[ \t]", html, re.M)
    assert "\n\n<" not in html
    served = client.get(f"/{path}", headers={"Accept": "text/html"}).text
    assert f' title="{BASE}id/meeting/' in served
    # a title that repeats an external link's address goes on both
    name = 'href="http://xmlns.com/foaf/0.1/name"'
    assert name in served and f"{name} title=" not in served


def test_pages_say_each_thing_once(client: TestClient, released: PublishReport) -> None:
    """What the server's pages and the site's dropped as repeats: a fact's source links
    the document as published once (by its page and lines), a file read from a folder
    is named on the document's page rather than on every fact, and no footer says the
    IRI and the formats again. What stays: the date it was published, the link."""
    meeting = "id/meeting/havnbjerg-opgaveudvalg-om-groen-omstilling-2023-04-25"
    html = client.get(f"/{meeting}?lang=da", headers={"Accept": "text/html"}).text
    sources = re.findall(r"<li><span class=\"label\">Kilde:</span>.*?</li>", html, re.S)
    assert len(sources) > 10
    published = "https://dagsordener.havnbjerg.example/"
    assert all(s.count(f'href="{published}') <= 1 for s in sources)
    assert any(re.search(r"side \d+, linje \d+</a> \(<span", s) for s in sources)
    assert "offentliggjort 28. april 2023" in html
    assert "Denne side beskriver" not in html
    portal = "examples/portal/klima-og-miljoeudvalget-2024-03-12.json"
    attachment = "id/attachment/19d4c8e6-2a7f-4b03-9e5c-d8f1a6b20c74"
    for page in (client.get(f"/{attachment}?lang=da").text, _static(released, attachment)):
        assert "/Dagsordenpunkter/1/Bilag/1/Navn" in page and portal not in page
    document = "id/document/portal-klima-og-miljoeudvalget-2024-03-12-json"
    assert portal in _static(released, document)


def _static(released: PublishReport, path: str) -> str:
    return (released.out / path / "index.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- releases


ADDED = Path("klima-og-miljoeudvalget") / "dagsorden-2023-09-12.txt"
REMOVED = Path("boerne-og-skoleudvalget") / "dagsorden-2023-05-09.txt"
CHANGED = Path("klima-og-miljoeudvalget") / "referat-2023-09-12.txt"


def _edit_corpus(folder: Path) -> None:
    """One document changed, one added (held back from the first release), one removed."""
    minutes = folder / CHANGED
    text = minutes.read_text(encoding="utf-8")
    assert "Godkendt." in text
    minutes.write_text(text.replace("Godkendt.", "Godkendt med bemærkninger.", 1), encoding="utf-8")
    (folder / REMOVED).unlink()
    shutil.copyfile(EXAMPLES / ADDED, folder / ADDED)


def _graph_triples(store: ox.Store) -> dict[str, set[ox.Triple]]:
    return {
        g.value: _triples(store.quads_for_pattern(None, None, None, g))
        for g in store.named_graphs()
        if isinstance(g, ox.NamedNode)
    }


@pytest.mark.slow  # two builds and two releases
def test_changelog_lists_the_documents_changed_added_and_removed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    (corpus / ADDED).unlink()
    first, second = tmp_path / "store1", tmp_path / "store2"
    assert build([corpus], first, BuildSettings()).ok
    out = tmp_path / "out"
    store1 = open_store(first)
    publish(store1, out, SETTINGS.model_copy(update={"version": "1"}))
    before = _graph_triples(store1)
    del store1
    _edit_corpus(corpus)
    # a fresh store for the second release, so that the removed document is gone
    assert build([corpus], second, BuildSettings()).ok
    store2 = open_store(second)
    report = publish(store2, out, SETTINGS.model_copy(update={"version": "2"}))
    after = _graph_triples(store2)

    changes = report.changes
    assert changes.previous == "1"
    documents = {g.graph: g for g in changes.graphs if g.document}
    doc = f"{BASE}id/document/"
    assert {g for g, c in documents.items() if c.change == "added"} == {
        doc + "klima-og-miljoeudvalget-dagsorden-2023-09-12-txt"
    }
    assert {g for g, c in documents.items() if c.change == "removed"} == {
        doc + "boerne-og-skoleudvalget-dagsorden-2023-05-09-txt"
    }
    changed = {g for g, c in documents.items() if c.change == "changed"}
    expected_changed = {
        g for g in before.keys() & after.keys() if before[g] != after[g] and g.startswith(doc)
    }
    assert doc + "klima-og-miljoeudvalget-referat-2023-09-12-txt" in changed
    assert changed == expected_changed
    for graph, change in documents.items():
        assert change.added == len(after.get(graph, set()) - before.get(graph, set())), graph
        assert change.removed == len(before.get(graph, set()) - after.get(graph, set())), graph
    text = (out / "CHANGELOG.md").read_text()
    assert text.index("## 2 ") < text.index("## 1 ")
    assert "klima-og-miljoeudvalget-dagsorden-2023-09-12-txt>: +" in text
    logged = json.loads((out / "changelog.json").read_text())
    assert [entry["version"] for entry in logged] == ["2", "1"]
    assert (out / "releases" / "1" / "manifest.json.gz").is_file()


def test_a_release_with_a_plain_manifest_is_the_previous_one(
    store: ox.Store, tmp_path: Path
) -> None:
    """Releases published before the manifest was gzipped have ``manifest.json``; the
    next release still compares against them."""
    out = tmp_path / "out"
    publish_data(store, out, SETTINGS.model_copy(update={"version": "1"}))
    gzipped = out / "releases" / "1" / "manifest.json.gz"
    (gzipped.with_suffix("")).write_bytes(gzip.decompress(gzipped.read_bytes()))
    gzipped.unlink()
    report = publish_data(store, out, SETTINGS.model_copy(update={"version": "2"}))
    assert report.changes.previous == "1"
    assert report.changes.graphs == ()  # the same store: nothing changed


# ---------------------------------------------------------------- privacy, end to end

CLOSED = EXAMPLES / "klima-og-miljoeudvalget" / "referat-2023-03-14.txt"


def _secrets() -> list[str]:
    lines = CLOSED.read_text(encoding="utf-8").splitlines()[136:172]
    sentences = [line.strip() for line in lines if len(line.strip()) >= 60]
    assert sentences
    return [
        "010203-1234",
        "0102031234",
        "Egon Frimodt Lassen",
        "Malene Thyrring",
        "EMN-2022-05531",
        "EMN-2023-02951",
        "4398876",
        "4412450",
        "4471920",
        *(s[:60] for s in sentences),
    ]


def _leaks(data: bytes, secrets: list[str]) -> list[str]:
    text = data.decode("utf-8", errors="replace")
    return [s for s in secrets if s in text or s.lower() in text.lower()]


@pytest.mark.slow  # reads every file of a release
def test_closed_item_and_cpr_are_nowhere_in_store_output_or_server(
    store: ox.Store, released: PublishReport, client: TestClient
) -> None:
    secrets = _secrets()
    # the store's literals and IRIs
    for quad in store.quads_for_pattern(None, None, None, None):
        for term in (quad.subject, quad.object):
            assert not _leaks(str(term).encode(), secrets), quad
    # every file of the output, the gzipped dump decompressed
    files = [p for p in released.out.rglob("*") if p.is_file()]
    assert len(files) > 2 * len(minted(store, BASE))  # a page and a Turtle file each, and more
    for file in files:
        data = file.read_bytes()
        if file.suffix == ".gz":
            data = gzip.decompress(data)
        assert not _leaks(data, secrets), file
    # the server: every resource page and description, the metadata, a SPARQL dump
    for iri in minted(store, BASE):
        path = "/" + iri[len(BASE) :]
        for suffix in ("", ".ttl"):
            answer = client.get(path + suffix)
            assert answer.status_code == 200, path
            assert not _leaks(answer.content, secrets), path
    for path in ("/", "/catalog.ttl", "/.well-known/void", "/meetings", "/people"):
        assert not _leaks(client.get(path).content, secrets), path
    everything = client.get(
        "/sparql",
        params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/n-triples"},
    )
    assert everything.status_code == 200
    assert not _leaks(everything.content, secrets)
    # and the closed items themselves are published, as items with number and title
    closed = select(store, "SELECT ?i WHERE { ?i a mkg:AgendaItem ; mkg:public false }")
    assert len(closed) == 3  # two in text minutes, one in a portal meeting
    for row in closed:
        status = client.get("/" + row["i"][len(BASE) :]).status_code
        assert status == 200
        assert (released.out / (row["i"][len(BASE) :] + ".ttl")).is_file()


# ---------------------------------------------------------------- the command


@pytest.mark.slow  # three releases
def test_publish_command_exit_codes(built: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    placeholder = runner.invoke(app, ["publish", "--store", str(built), "--out", str(out)])
    assert placeholder.exit_code == 2  # the default contact is a placeholder
    assert "placeholder info@example.org" in placeholder.output
    assert "--placeholder-contact" in placeholder.output
    assert not (out / "catalog.ttl").exists()
    ok = runner.invoke(
        app,
        [
            *("publish", "--store", str(built), "--out", str(out), "--version", "3.1"),
            "--placeholder-contact",
        ],
    )
    assert ok.exit_code == 0, ok.output
    assert "minutes-kg.ttl.gz" in ok.output
    assert (out / "releases" / "3.1" / "manifest.json.gz").is_file()
    bad = tmp_path / "bad.toml"
    bad.write_text('licence = 5\nnot_a_field = "x"\n')
    usage = runner.invoke(
        app, ["publish", "--store", str(built), "--out", str(out), "--settings", str(bad)]
    )
    assert usage.exit_code == 2
    missing = runner.invoke(app, ["publish", "--store", str(tmp_path / "none"), "--out", str(out)])
    assert missing.exit_code == 2
    assert "NOT checked against DCAT-AP" in ok.output  # no --standards, no KG_STANDARDS
    if not STANDARDS.is_dir():
        return
    # a catalogue that cannot pass both profiles: DCAT-AP 3's byte size breaks DCAT-AP-DK
    conflicting = tmp_path / "conflict.toml"
    conflicting.write_text(
        '[publish]\nbyte_size = "dcat-ap-3"\ncontact_email = "opendata@havnbjerg.example"\n'
    )
    failing = runner.invoke(
        app,
        [
            *("publish", "--store", str(built), "--out", str(out)),
            *("--settings", str(conflicting), "--standards", str(STANDARDS)),
        ],
    )
    assert failing.exit_code == 1
    assert "DCAT-AP-DK 2.0.2" in failing.output
