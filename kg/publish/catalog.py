"""The catalogue record of a release: DCAT-AP 3 and DCAT-AP-DK 2 (``/catalog.ttl``).

One catalogue holding one dataset, a distribution per dump and one for the SPARQL
endpoint, which is also described as a data service. The record states the ``rdf:type``
of every vocabulary term it uses (licence, languages, themes, file types, frequency),
since the shapes check classes on the record alone.

The record's own resources are fragments of ``{base}catalog.ttl`` so that they
dereference wherever the file is served.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, SKOS, XSD

from kg.publish.dumps import COMPRESSION, IANA, Dump, DumpFormat
from kg.publish.settings import EU, Checksum, PublishSettings
from kg.store.protocol import QueryStore
from kg.store.run import distinct_rows

CATALOG = "catalog.ttl"
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
#: dcat:version (DCAT 3; rdflib's DCAT namespace predates it).
DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/LocalAuthority"
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"
#: Names of the EU authority tables' terms used without a label in the settings.
_LANGUAGE_NAMES = {"DAN": "dansk", "ENG": "English"}


@dataclass(frozen=True)
class Facts:
    """What the catalogue record reads from the store."""

    first_meeting: date | None
    last_meeting: date | None
    #: When the latest build ended.
    built: datetime | None
    keywords: tuple[str, ...]


def read_facts(store: QueryStore) -> Facts:
    """Temporal coverage (the meetings' first and last day), the date of the latest build
    and keywords (committee names and the concepts discussed), by SPARQL over the store."""
    span = distinct_rows(
        store,
        "SELECT (MIN(?t) AS ?first) (MAX(?t) AS ?last) WHERE { ?m a mkg:Meeting ; dct:date ?t }",
    )
    built = distinct_rows(
        store, "SELECT (MAX(?t) AS ?at) WHERE { ?b a mkg:Build ; prov:endedAtTime ?t }"
    )
    words = distinct_rows(
        store,
        """SELECT DISTINCT ?word WHERE {
             { ?c a mkg:Committee ; rdfs:label ?word }
             UNION { ?i mkg:discusses ?k . ?k skos:prefLabel ?word FILTER(lang(?word) = "da") }
           }""",
    )
    row = span[0] if span else {}
    return Facts(
        first_meeting=_day(row.get("first")),
        last_meeting=_day(row.get("last")),
        built=datetime.fromisoformat(built[0]["at"]) if built and "at" in built[0] else None,
        keywords=tuple(sorted({r["word"] for r in words if "word" in r})),
    )


def _day(lexical: str | None) -> date | None:
    return date.fromisoformat(lexical[:10]) if lexical else None


def release_version(settings: PublishSettings, facts: Facts) -> str:
    """The version of the settings, or one made from the time of the latest build, so
    that the server and the published files name the same version for the same store."""
    return settings.resolved_version(facts.built)


def catalog_graph(
    facts: Facts, settings: PublishSettings, version: str, dumps: Sequence[Dump] | None
) -> Graph:
    """The catalogue record. ``dumps``: the files written, with sizes and checksums; None
    when there are none at hand (the server), so the distributions name only their URLs."""
    base = settings.base_iri
    here = f"{base}{CATALOG}#"
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("spdx", SPDX)):
        g.bind(prefix, ns)
    g.bind("vcard", VCARD)
    catalog, dataset, record = (
        URIRef(here + "catalog"),
        URIRef(here + "dataset"),
        URIRef(here + "record"),
    )
    service, publisher = URIRef(here + "sparql"), URIRef(settings.publisher)
    licence = _typed(g, settings.licence, DCTERMS.LicenseDocument)
    modified = facts.built.date() if facts.built else date.today()
    issued = settings.issued or modified
    homepage = _typed(g, base, FOAF.Document)

    def both(node: URIRef, predicate: URIRef, danish: str, english: str) -> None:
        g.add((node, predicate, Literal(danish, lang="da")))
        g.add((node, predicate, Literal(english, lang="en")))

    def dates(node: URIRef) -> None:
        g.add((node, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
        g.add((node, DCTERMS.modified, Literal(modified, datatype=XSD.date)))

    # the publisher and the catalogue
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, RDF.type, FOAF.Organization))
    g.add((publisher, FOAF.name, Literal(settings.publisher_name)))
    g.add((publisher, DCTERMS.type, _concept(g, PUBLISHER_TYPE, "Local Authority")))
    g.add((catalog, RDF.type, DCAT.Catalog))
    both(catalog, DCTERMS.title, settings.title, settings.title_en)
    both(catalog, DCTERMS.description, settings.description, settings.description_en)
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, DCAT.dataset, dataset))
    g.add((catalog, DCAT.service, service))
    g.add((catalog, DCAT.record, record))
    g.add((catalog, DCTERMS.license, licence))
    g.add((catalog, FOAF.homepage, homepage))
    g.add((catalog, DCTERMS.spatial, _typed(g, settings.spatial, DCTERMS.Location)))
    themes = URIRef(EU + "data-theme")
    g.add((themes, RDF.type, SKOS.ConceptScheme))
    g.add((themes, DCTERMS.title, Literal("Data theme", lang="en")))
    g.add((catalog, DCAT.themeTaxonomy, themes))
    dates(catalog)
    g.add((record, RDF.type, DCAT.CatalogRecord))
    g.add((record, FOAF.primaryTopic, dataset))
    dates(record)

    # the dataset
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, RDF.type, DCAT.Resource))
    both(dataset, DCTERMS.title, settings.title, settings.title_en)
    both(dataset, DCTERMS.description, settings.description, settings.description_en)
    g.add((dataset, DCTERMS.identifier, Literal(f"{base}{CATALOG}#dataset")))
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((dataset, DCAT.landingPage, homepage))
    g.add((dataset, DCAT_VERSION, Literal(version)))
    g.add((dataset, OWL.versionInfo, Literal(version)))
    dates(dataset)
    _contact(g, dataset, here, settings)
    g.add((dataset, DCTERMS.spatial, _typed(g, settings.spatial, DCTERMS.Location)))
    for code in settings.languages:
        language = _typed(g, f"{EU}language/{code}", DCTERMS.LinguisticSystem)
        g.add((catalog, DCTERMS.language, language))
        g.add((dataset, DCTERMS.language, language))
    for code in settings.themes:
        theme = _concept(g, f"{EU}data-theme/{code}", code)
        g.add((theme, SKOS.inScheme, themes))
        g.add((dataset, DCAT.theme, theme))
    frequency = _typed(g, f"{EU}frequency/{settings.frequency}", DCTERMS.Frequency)
    g.add((dataset, DCTERMS.accrualPeriodicity, frequency))
    rights = _concept(g, f"{EU}access-right/PUBLIC", "public")
    g.add((rights, RDF.type, DCTERMS.RightsStatement))
    g.add((dataset, DCTERMS.accessRights, rights))
    for word in sorted({*settings.keywords, *facts.keywords}):
        g.add((dataset, DCAT.keyword, Literal(word, lang="da")))
    if facts.first_meeting and facts.last_meeting:
        period = URIRef(here + "period")
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(facts.first_meeting, datatype=XSD.date)))
        g.add((period, DCAT.endDate, Literal(facts.last_meeting, datatype=XSD.date)))
        g.add((dataset, DCTERMS.temporal, period))

    # the dumps, the endpoint as a distribution and as a data service
    by_format = {d.format: d for d in dumps or ()}
    for fmt in DumpFormat:
        node = URIRef(f"{here}dump-{fmt.name.lower()}")
        _distribution(g, node, base, fmt, by_format.get(fmt), licence, settings)
        g.add((dataset, DCAT.distribution, node))
    endpoint = URIRef(f"{base}sparql")
    g.add((service, RDF.type, DCAT.DataService))
    both(service, DCTERMS.title, "SPARQL-endpoint", "SPARQL endpoint")
    g.add((service, DCAT.endpointURL, endpoint))
    g.add((service, DCAT.endpointDescription, endpoint))
    g.add((service, DCAT.servesDataset, dataset))
    g.add((service, DCTERMS.publisher, publisher))
    g.add((service, DCTERMS.license, licence))
    g.add((service, DCTERMS.conformsTo, _typed(g, SPARQL_PROTOCOL, DCTERMS.Standard)))
    through = URIRef(here + "sparql-access")
    g.add((through, RDF.type, DCAT.Distribution))
    both(through, DCTERMS.title, "Forespørgsler med SPARQL", "Queries by SPARQL")
    g.add((through, DCAT.accessURL, endpoint))
    g.add((through, DCAT.accessService, service))
    g.add((through, DCTERMS.license, licence))
    g.add((dataset, DCAT.distribution, through))
    return g


def _typed(g: Graph, iri: str, cls: URIRef) -> URIRef:
    node = URIRef(iri)
    g.add((node, RDF.type, cls))
    return node


def _concept(g: Graph, iri: str, label: str) -> URIRef:
    node = _typed(g, iri, SKOS.Concept)
    g.add((node, SKOS.prefLabel, Literal(label, lang="en")))
    return node


def _contact(g: Graph, dataset: URIRef, here: str, settings: PublishSettings) -> None:
    contact = URIRef(here + "contact")
    g.add((contact, RDF.type, VCARD.Kind))
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(settings.contact_name)))
    g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.contact_email}")))
    g.add((dataset, DCAT.contactPoint, contact))


def _distribution(
    g: Graph,
    node: URIRef,
    base: str,
    fmt: DumpFormat,
    dump: Dump | None,
    licence: URIRef,
    settings: PublishSettings,
) -> None:
    url = URIRef(f"{base}dumps/{fmt.value}")
    g.add((node, RDF.type, DCAT.Distribution))
    g.add((node, DCTERMS.title, Literal(fmt.label, lang="en")))
    g.add((node, DCAT.accessURL, url))
    g.add((node, DCAT.downloadURL, url))
    g.add((node, DCTERMS.license, licence))
    g.add((node, DCTERMS.format, _typed(g, fmt.file_type, DCTERMS.MediaTypeOrExtent)))
    g.add((node, DCAT.mediaType, _typed(g, IANA + fmt.media_type, DCTERMS.MediaType)))
    if fmt.compressed:
        gzip = _typed(g, IANA + COMPRESSION, DCTERMS.MediaType)
        g.add((node, DCAT.compressFormat, gzip))
    if dump is None:
        return
    datatype = settings.byte_size.datatype
    if datatype is not None:
        g.add((node, DCAT.byteSize, Literal(str(dump.byte_size), datatype=URIRef(datatype))))
    checksum = BNode()
    g.add((checksum, RDF.type, SPDX.Checksum))
    name = settings.checksum.value
    algorithm = _typed(g, f"{SPDX}checksumAlgorithm_{name}", SPDX.ChecksumAlgorithm)
    g.add((checksum, SPDX.algorithm, algorithm))
    value = dump.sha1 if settings.checksum is Checksum.SHA1 else dump.sha256
    g.add((checksum, SPDX.checksumValue, Literal(value, datatype=XSD.hexBinary)))
    g.add((node, SPDX.checksum, checksum))
