"""The static linked-data site: the same IRIs as ``kg serve``, from any static web server.

`publish` is the whole of `kg publish`: the release's data (`kg.publish.publisher`), then
the pages beside it, rendered by the same code as the server's (`kg.linked`).

For each IRI the build minted under ``{base}id/``, ``<path>/index.html`` (so
``/id/person/x`` answers through the server's redirect to ``/id/person/x/``) and
``<path>.ttl`` beside it, in Danish. The reified statements that say where each fact came
from (``.well-known/genid/…``) get no files of their own: each page shows its facts'
sources, and the dumps hold the statements (they were nine tenths of the site).
Beside the resources: the list pages, the ontology and concept-scheme pages, the style
sheet, and an index.

What keeps the site small (on the examples, figures in the README): one RDF file per
resource, Turtle (JSON-LD, N-Triples and RDF/XML of the same description are the
server's; the dumps hold all of it); pages without the indentation of their templates,
and without a hover title that repeats the link's address, which on a site served at
its base IRI is the IRI.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox

from kg.formats import Media
from kg.iri import statistics_graph
from kg.linked.describe import description, serialize
from kg.linked.i18n import Locale
from kg.linked.listings import LISTINGS, href_of
from kg.linked.lookups import Term
from kg.linked.page import build_page
from kg.linked.reader import Reader, successor
from kg.linked.render import STATIC, built_at, render, render_page
from kg.linked.service import service_description
from kg.linked.terms import GENID, SAME_AS
from kg.linked.vocabulary import VocabularyPage, concepts_page, ontology_page
from kg.publish.dumps import Dump
from kg.publish.publisher import PublishReport, publish_data
from kg.publish.settings import PublishSettings
from kg.resources import data_folder
from kg.store.protocol import QueryStore
from kg.store.run import distinct_rows

#: The SPARQL service description's file, beside the catalogue.
SERVICE_DESCRIPTION = "sparql.ttl"
#: What the index counts: the distinct ?x of each pattern.
COUNTS = {
    "committees": "?x a mkg:Committee",
    "meetings": "?x a mkg:Meeting",
    "items": "?x a mkg:AgendaItem",
    "people": "?x a person:Person",
    "projects": "?x a mkg:Project",
    "documents": "?x a mkg:SourceDocument",
}
#: Pages of the live server that the site's navigation links to; a static site has a note
#: there pointing to the server instead.
SERVER_ONLY = {
    "editor": "the SPARQL editor",
    "docs": "the API documentation",
    "search": "search",
    "graphs": "the graph views",
}
#: How many pages share one reader's caches before it starts afresh (bounds memory).
READER_PAGES = 500
#: Told a stage's name, how much of it is done, and of how much (None: not known).
Stages = Callable[[str, int, int | None], None]
#: The one RDF serialisation written beside each page.
RESOURCE_FORMAT = Media.TURTLE
#: A minted path is written only when made of safe segments.
_SAFE = re.compile(r"^[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*$")
_AROUND_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_BETWEEN_TAGS = re.compile(r">\n{2,}<")


def publish(
    store: QueryStore,
    out: Path,
    settings: PublishSettings,
    *,
    standards: Path | None = None,
    progress: Stages | None = None,
) -> PublishReport:
    """Publish ``store`` into ``out``: dumps, metadata and changelog (`kg.publish`), the
    service description, and a page and descriptions for every minted IRI. ``progress``
    is told each stage, and in the stage of the pages how many are written of how many."""
    tell: Stages = progress or (lambda stage, done, total: None)
    tell("dumps, catalogue and changelog", 0, None)
    report = publish_data(store, out, settings, standards=standards)
    base = settings.base_iri
    (out / SERVICE_DESCRIPTION).write_bytes(service_description(store, base))
    built = built_at(store)
    resources = write_resources(store, out, base, tell, built=built)
    tell("list pages and vocabularies", 0, None)
    write_pages(store, out, settings, report.version, report.dumps, built=built)
    return replace(report, resources=resources)


def root_path(base: str) -> str:
    """The path of the base IRI, without the trailing slash ("" at a host's root).

    >>> root_path("https://data.example.org/minutes/")
    '/minutes'
    """
    return urlsplit(base).path.rstrip("/")


def minted(store: QueryStore, base: str) -> list[str]:
    """Every IRI under the base that is the subject of a triple and a resource of its
    own (not a reified statement under ``.well-known/genid/``), in order."""
    rows = distinct_rows(
        store,
        f"""SELECT DISTINCT ?s WHERE {{ ?s ?p ?o
              FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{base}")
                     && !STRSTARTS(STR(?s), "{base}{GENID}")
                     && !STRSTARTS(STR(?s), "{statistics_graph(base)}")) }}""",
    )
    return sorted(r["s"] for r in rows)


def local_path(iri: str, base: str) -> str | None:
    """The path of a minted IRI under the output, or None when it cannot be a file name."""
    path = iri[len(base) :]
    return path if _SAFE.match(path) and ".." not in path.split("/") else None


def write_resources(
    store: QueryStore,
    out: Path,
    base: str,
    progress: Stages | None = None,
    *,
    built: str = "",
) -> int:
    """Write each minted IRI's page and descriptions; the number of resources written.
    ``built`` (when the data was built) is said on every page."""
    root = root_path(base)

    def fresh() -> Reader:
        return Reader(store, base, root, iri_titles=False)

    reader = fresh()
    written = 0
    iris = minted(store, base)
    for count, iri in enumerate(iris):
        path = local_path(iri, base)
        if path is None:
            continue
        if count and count % READER_PAGES == 0:
            reader = fresh()
        node = ox.NamedNode(iri)
        folder = out / path
        folder.mkdir(parents=True, exist_ok=True)
        pairs = reader.pairs(node)
        if pairs and all(p == SAME_AS for p, _ in pairs):
            html = _redirect_page(reader, node, pairs)
        else:
            page = build_page(reader, node)
            kept = tuple(a for a in page.alternates if a.media == RESOURCE_FORMAT)
            html = render_page(replace(page, alternates=kept), built=built)
        (folder / "index.html").write_text(compact_html(html), encoding="utf-8")
        data = serialize(description(reader, node), RESOURCE_FORMAT, reader.namespaces)
        folder.with_name(f"{folder.name}.{RESOURCE_FORMAT.suffix}").write_bytes(data)
        written += 1
        if progress is not None:
            progress("pages", count + 1, len(iris))
    return written


def compact_html(html: str) -> str:
    """The page without the templates' indentation and blank lines: spaces and tabs next
    to a line break go, and a run of line breaks between two tags becomes one. What a
    browser shows stays the same (a line break still separates words, and texts shown
    with their line breaks keep them; the pages hold no ``<pre>``).

    >>> compact_html("<ul>\\n  <li>a  </li>\\n\\n  <li>b\\n\\nc</li>\\n</ul>\\n")
    '<ul>\\n<li>a  </li>\\n<li>b\\n\\nc</li>\\n</ul>\\n'
    """
    html = _AROUND_BREAK.sub("\n", html)
    return _BETWEEN_TAGS.sub(">\n<", html)


def _redirect_page(
    reader: Reader, node: ox.NamedNode, pairs: list[tuple[ox.NamedNode, Term]]
) -> str:
    """A retired IRI: a page that sends the browser on to its successor, and names its
    own RDF file (which says ``owl:sameAs`` the successor)."""
    target = successor(pairs)
    href = escape(reader.href(target)) if target is not None else ""
    own = escape(f"{reader.href(node.value)}.{RESOURCE_FORMAT.suffix}")
    return (
        '<!doctype html><html lang="da"><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={href}">'
        f'<link rel="canonical" href="{href}">'
        f'<link rel="alternate" type="{RESOURCE_FORMAT.value}" href="{own}"><title>Flyttet</title>'
        f'<p>Denne identifikator er udgået: se <a href="{href}">{href}</a>.</p></html>'
    )


def write_pages(
    store: QueryStore,
    out: Path,
    settings: PublishSettings,
    version: str,
    dumps: list[Dump],
    *,
    built: str = "",
) -> None:
    """The index, the list pages, the ontology and concept pages, and the style sheet."""
    base = settings.base_iri
    root = root_path(base)
    # the style sheet; not the editor's and the graphs' scripts, which need the server
    shutil.copytree(
        STATIC, out / "static", dirs_exist_ok=True, ignore=shutil.ignore_patterns("vendor", "*.js")
    )
    locale = Locale()

    def page(template: str, **values: Any) -> str:
        html = render(template, locale, root=root, switch=None, built=built, **values)
        return compact_html(html)

    counts = {
        name: distinct_rows(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")[0][
            "n"
        ]
        for name, pattern in COUNTS.items()
    }
    index = page(
        "release.html",
        title=settings.title,
        description=settings.description,
        version=version,
        licence=settings.licence,
        publisher=settings.publisher_name,
        counts=counts,
        listings=LISTINGS,
        dumps=dumps,
    )
    (out / "index.html").write_text(index, encoding="utf-8")
    for name, spec in LISTINGS.items():
        rows = distinct_rows(store, spec.query)
        for row in rows:
            row["href"] = href_of(row["r"], base, root)
        html = page("listing.html", spec=spec, rows=rows)
        folder = out / name
        folder.mkdir(exist_ok=True)
        (folder / "index.html").write_text(html, encoding="utf-8")
    for name, what in SERVER_ONLY.items():
        folder = out / name
        folder.mkdir(exist_ok=True)
        live = escape(f"{base}{name}")
        said = escape(locale("This is {what}, which needs the live server:", what=locale(what)))
        (folder / "index.html").write_text(
            f'<!doctype html><html lang="{locale.lang}"><meta charset="utf-8">'
            f"<title>{escape(locale(what))}</title>"
            f"<h1>{escape(locale('Not in the static site'))}</h1>"
            f'<p>{said} <a href="{live}">{live}</a>.'
            f' {escape(locale("The data is in the"))} <a href="{root}/">downloads</a>.</p></html>',
            encoding="utf-8",
        )
    ontology = data_folder("ontology")
    for name, vocabulary in _vocabularies(ontology):
        folder = out / name
        folder.mkdir(exist_ok=True)
        html = page("vocabulary.html", page=vocabulary)
        (folder / "index.html").write_text(html, encoding="utf-8")
        shutil.copyfile(ontology / vocabulary.source, folder / vocabulary.source)


def _vocabularies(folder: Path) -> Iterator[tuple[str, VocabularyPage]]:
    yield "ontology", ontology_page(folder / "minutes-kg.ttl")
    yield "concepts", concepts_page(folder / "concepts.ttl")
