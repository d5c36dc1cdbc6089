"""``publish_data(store, out, settings)``: the data of a release, in one folder.

The folder gets the dumps, the catalogue record (``catalog.ttl``), the VoID description
(``.well-known/void``), the JSON-LD context and the release history with its changelog.
The pages (the static linked-data site and the SPARQL service description) are written
beside it by `kg.publish.site.publish`, with the views of `kg.linked`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph

from kg.publish.catalog import CATALOG, Facts, catalog_graph, read_facts, release_version
from kg.publish.conformance import Violation, check, find_standards
from kg.publish.dumps import Dump, write_dumps
from kg.publish.release import CHANGELOG_MD, Changes, record
from kg.publish.settings import PublishSettings
from kg.publish.void import WELL_KNOWN_VOID, void_graph
from kg.store.protocol import QueryStore


@dataclass(frozen=True)
class PublishReport:
    """What a publish wrote and found."""

    out: Path
    version: str
    dumps: list[Dump]
    changes: Changes
    #: Violations of the official DCAT-AP shapes by the catalogue record.
    violations: list[Violation]
    #: Where the shapes were read from; None: not found, so the record was not checked.
    standards: Path | None
    #: The resources the static site has a page for (0 until the site is written).
    resources: int = 0

    @property
    def changelog(self) -> Path:
        return self.out / CHANGELOG_MD

    @property
    def ok(self) -> bool:
        return not self.violations


def metadata(
    store: QueryStore, settings: PublishSettings, dumps: list[Dump] | None
) -> tuple[str, Graph, Graph]:
    """The version, the catalogue record and the VoID description of the store."""
    facts: Facts = read_facts(store)
    version = release_version(settings, facts)
    return version, catalog_graph(facts, settings, version, dumps), void_graph(store, settings)


def publish_data(
    store: QueryStore, out: Path, settings: PublishSettings, *, standards: Path | None = None
) -> PublishReport:
    """The dumps, metadata and changelog of ``store`` in ``out`` (made if missing; earlier
    releases kept); the record is checked against the official shapes in ``standards``
    (or ``$KG_STANDARDS``), and not checked when neither names them (the report says so)."""
    out.mkdir(parents=True, exist_ok=True)
    base = settings.base_iri
    dumps = write_dumps(store, out, base)
    version, catalog, void = metadata(store, settings, dumps)
    catalog.serialize(out / CATALOG, format="turtle")
    well_known = out / WELL_KNOWN_VOID
    well_known.parent.mkdir(parents=True, exist_ok=True)
    void.serialize(well_known, format="turtle")
    void.serialize(well_known.with_name("void.ttl"), format="turtle")
    folder = find_standards(standards)
    violations = check(catalog, folder) if folder is not None else []
    published = datetime.now(UTC).isoformat(timespec="seconds")
    changes = record(out, store, base, version, published)
    return PublishReport(out, version, dumps, changes, violations, folder)
