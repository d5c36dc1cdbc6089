"""Committee names (issue 13, points 6 and 3): the innovation committee is found by every
form the documents give it (skos:altLabel, in the graph of a document that writes it), and
an IRI minted from another spelling of a committee keeps resolving (owl:sameAs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import iri, open_store, select

pytestmark = pytest.mark.integration

INNOVATION = iri("committee", "gentofte-opgaveudvalg-om-innovation")
PARTNER = "gentofte-opgaveudvalget-for-digitalisering-og-teknologi"


def test_innovation_committee_has_its_name_variants(seed_store: Path) -> None:
    rows = select(open_store(seed_store), f"SELECT ?l WHERE {{ <{INNOVATION}> skos:altLabel ?l }}")
    variants = {r["l"] for r in rows}
    assert {
        "Opgaveudvalget om Innovation",
        "Opgaveudvalg for Innovation",
        "Udvalg om Innovation",
        "innovationsudvalget",
    } <= variants


def test_variant_is_stated_only_by_a_document_that_writes_it(seed_store: Path) -> None:
    rows = select(
        open_store(seed_store),
        f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{INNOVATION}> skos:altLabel
            "innovationsudvalget"@da }} }}""",
    )
    assert [r["g"].rsplit("/", 1)[1] for r in rows] == ["001-347c8e4df3f056bf-txt"]


def test_committee_iri_of_another_spelling_keeps_resolving(seed_store: Path) -> None:
    rows = select(
        open_store(seed_store),
        f"""SELECT ?retired ?to WHERE {{ ?retired owl:sameAs ?to .
            FILTER(STRSTARTS(STR(?to), "{iri("committee", "")}")) }}""",
    )
    same = {(r["retired"].rsplit("/", 1)[1], r["to"].rsplit("/", 1)[1]) for r in rows}
    # the partner's other spelling, and the innovation committee's definite form
    assert ("gentofte-opgaveudvalg-for-digitalisering-og-teknologi", PARTNER) in same
    assert ("gentofte-opgaveudvalget-om-innovation", INNOVATION.rsplit("/", 1)[1]) in same


def test_partner_committee_iri_keeps_resolving_when_its_own_minutes_come(
    seeds: Path, tmp_path: Path
) -> None:
    """Issue 13, point 3: the partner was minted from the definite form; minutes of the
    committee itself name it "Opgaveudvalg for digitalisering og teknologi", and the
    first IRI still resolves (it is the committee, or owl:sameAs it)."""
    import shutil

    from kg.pipeline import build
    from kg.settings import BuildSettings, RunSettings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in seeds.glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    (corpus / "digitalisering.txt").write_text(
        "Referat af møde i Opgaveudvalg for digitalisering og teknologi\n\n"
        "Mødetidspunkt 10-10-2017 17:00\nMødeafholdelse Gentofte Rådhus\n\n"
        "Tilstede: Ida Holm og Ole Berg\n\n1 (Åben) Velkomst\n\nSags ID: EMN-2017-09999\n\n"
        "Beslutninger:\n\nGodkendt.\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    settings = BuildSettings(municipality="Gentofte")
    assert build([corpus], store, settings, run=RunSettings(jobs=1)).ok
    old = iri("committee", PARTNER)
    rows = select(
        open_store(store),
        """SELECT ?c WHERE { ?m mkg:heldBy ?c . ?c rdfs:label ?l
            FILTER(STRSTARTS(STR(?l), "Opgaveudvalg for digitalisering")) }""",
    )
    (committee,) = {r["c"] for r in rows}
    assert committee == old or select(
        open_store(store), f"SELECT ?x WHERE {{ <{old}> owl:sameAs <{committee}> }}"
    )
