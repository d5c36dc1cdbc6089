"""The catalogue record on inline data: it passes both official shape sets, and a record
without publisher, title or access URL, or with either profile's byte size, does not.
(Neither profile makes a licence mandatory, so a record without one still passes.)"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS

from kg.errors import ShapesError
from kg.publish.catalog import Facts, catalog_graph
from kg.publish.conformance import Profile, check, find_standards
from kg.publish.dumps import Dump, DumpFormat
from kg.publish.settings import ByteSize, PublishSettings

FACTS = Facts(
    first_meeting=date(2023, 3, 14),
    last_meeting=date(2024, 2, 27),
    built=datetime(2026, 11, 23, 13, 45, tzinfo=UTC),
    keywords=("Klima- og Miljøudvalget", "varmepumpe"),
)
DUMPS = [
    Dump(f, f"dumps/{f.value}", 100 + i, "ab" * 32, "cd" * 20) for i, f in enumerate(DumpFormat)
]


def test_record_conforms_to_dcat_ap_3_and_dcat_ap_dk_2(standards: Path) -> None:
    record = catalog_graph(FACTS, PublishSettings(), "1.0.0", DUMPS)
    assert check(record, standards) == []


def test_record_without_dumps_at_hand_conforms(standards: Path) -> None:
    assert check(catalog_graph(FACTS, PublishSettings(), "1.0.0", None), standards) == []


@pytest.mark.parametrize(
    ("removed", "profiles"),
    [
        (DCAT.accessURL, {Profile.DCAT_AP_3, Profile.DCAT_AP_DK}),
        (DCTERMS.publisher, {Profile.DCAT_AP_3, Profile.DCAT_AP_DK}),
        (DCTERMS.title, {Profile.DCAT_AP_3, Profile.DCAT_AP_DK}),
    ],
)
def test_a_broken_record_fails(standards: Path, removed: URIRef, profiles: set[Profile]) -> None:
    record = catalog_graph(FACTS, PublishSettings(), "1.0.0", DUMPS)
    broken = Graph()
    for triple in record:
        if triple[1] != removed:
            broken.add(triple)
    violations = check(broken, standards)
    assert {v.profile for v in violations} >= profiles
    assert any(v.path == str(removed) for v in violations)


def test_the_profiles_disagree_on_byte_size(standards: Path) -> None:
    for style, failing in (
        (ByteSize.DCAT_AP_3, Profile.DCAT_AP_DK),
        (ByteSize.DCAT_AP_DK, Profile.DCAT_AP_3),
    ):
        record = catalog_graph(FACTS, PublishSettings(byte_size=style), "1", DUMPS)
        assert {v.profile for v in check(record, standards)} == {failing}


def test_record_states_the_settings_and_coverage() -> None:
    settings = PublishSettings(
        base_iri="https://data.example.org/minutes/",
        licence="http://creativecommons.org/publicdomain/zero/1.0/",
        languages=("DAN", "ENG"),
    )
    record = catalog_graph(FACTS, settings, "2.0", None)
    dataset = URIRef("https://data.example.org/minutes/catalog.ttl#dataset")
    languages = {str(o) for o in record.objects(dataset, DCTERMS.language)}
    assert languages == {
        "http://publications.europa.eu/resource/authority/language/DAN",
        "http://publications.europa.eu/resource/authority/language/ENG",
    }
    licences = set(record.objects(None, DCTERMS.license))
    assert licences == {URIRef("http://creativecommons.org/publicdomain/zero/1.0/")}
    assert str(record.value(dataset, DCTERMS.modified)) == "2026-11-23"


def test_the_standards_are_where_they_are_named_and_nowhere_else(
    standards: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No checkout-relative default: a wheel installed elsewhere has none (issue 15)."""
    monkeypatch.delenv("KG_STANDARDS", raising=False)
    assert find_standards() is None
    assert find_standards(standards) == standards
    monkeypatch.setenv("KG_STANDARDS", str(standards))
    assert find_standards() == standards
    with pytest.raises(ShapesError, match="lacks"):
        find_standards(tmp_path)
