"""The Done-when of the core pipeline, proved on the graph built from ../shared/seeds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.pipeline import BuildReport, Status
from tests.conftest import Built
from tests.helpers import ask, iri, open_store, select

pytestmark = pytest.mark.integration

SEPT = iri("meeting", "gentofte-opgaveudvalg-om-innovation-2017-09-26")
APRIL = iri("meeting", "gentofte-opgaveudvalg-om-innovation-2017-04-25")
COMMITTEE = iri("committee", "gentofte-opgaveudvalg-om-innovation")
MINUTES_SEPT = iri("document", "000-fd3d242d88b435d4-txt")
MINUTES_APRIL = iri("document", "001-347c8e4df3f056bf-txt")
AGENDA_SEPT = iri("document", "002-c6265e7b12b39cd7-txt")
AGENDA_APRIL = iri("document", "003-bd0ca278388b9c75-txt")


@pytest.fixture(scope="module")
def built(seed_build: Built) -> tuple[BuildReport, Path]:
    return seed_build.report, seed_build.folder


@pytest.fixture()
def store(built: tuple[BuildReport, Path]) -> Iterator[ox.Store]:
    yield open_store(built[1])


def test_every_seed_loads(built: tuple[BuildReport, Path]) -> None:
    report, _ = built
    assert report.ok
    assert {o.name: o.status for o in report.outcomes} == {
        "000_fd3d242d88b435d4.txt": Status.LOADED,
        "001_347c8e4df3f056bf.txt": Status.LOADED,
        "002_c6265e7b12b39cd7.txt": Status.LOADED,
        "003_bd0ca278388b9c75.txt": Status.LOADED,
    }


def test_documents_have_kind_and_hash(store: ox.Store, seeds: Path) -> None:
    import hashlib

    rows = select(
        store,
        "SELECT ?d ?kind ?sha WHERE { ?d a mkg:SourceDocument ; dct:type ?kind ; mkg:sha256 ?sha }",
    )
    found = {r["d"]: (r["kind"], r["sha"]) for r in rows}
    mkg = "https://w3id.org/minutes-kg/ontology#"
    for doc, kind, file in [
        (MINUTES_SEPT, "Minutes", "000_fd3d242d88b435d4.txt"),
        (MINUTES_APRIL, "Minutes", "001_347c8e4df3f056bf.txt"),
        (AGENDA_SEPT, "Agenda", "002_c6265e7b12b39cd7.txt"),
        (AGENDA_APRIL, "Agenda", "003_bd0ca278388b9c75.txt"),
    ]:
        sha = hashlib.sha256((seeds / file).read_bytes()).hexdigest()
        assert found[doc] == (mkg + kind, sha)


@pytest.mark.parametrize(
    ("meeting", "start", "end", "place"),
    [
        (SEPT, "2017-09-26T16:30:00+02:00", "2017-09-26T21:00:00+02:00", "Rådhusallen"),
        (APRIL, "2017-04-25T19:00:00+02:00", "2017-04-25T21:00:00+02:00", "Udvalgsværelse G"),
    ],
)
def test_meeting_time_and_place(
    store: ox.Store, meeting: str, start: str, end: str, place: str
) -> None:
    rows = select(
        store,
        f"""SELECT ?committee ?start ?end ?place ?label WHERE {{
          <{meeting}> a mkg:Meeting ; mkg:heldBy ?committee ; prov:startedAtTime ?start ;
            prov:endedAtTime ?end ; prov:atLocation ?place ; rdfs:label ?label }}""",
    )
    assert len(rows) == 1
    assert rows[0]["committee"] == COMMITTEE
    assert (rows[0]["start"], rows[0]["end"], rows[0]["place"]) == (start, end, place)


def test_exactly_two_meetings_and_one_committee(store: ox.Store) -> None:
    meetings = select(store, "SELECT DISTINCT ?m WHERE { ?m a mkg:Meeting }")
    committees = select(
        store, "SELECT DISTINCT ?c ?label WHERE { ?m mkg:heldBy ?c . ?c rdfs:label ?label }"
    )
    assert {r["m"] for r in meetings} == {SEPT, APRIL}
    assert committees == [{"c": COMMITTEE, "label": "Opgaveudvalg om Innovation"}]


def _names(store: ox.Store, meeting: str, prop: str) -> set[str]:
    rows = select(
        store,
        f"SELECT ?name WHERE {{ <{meeting}> mkg:{prop} ?p . ?p a person:Person ; foaf:name ?name }}",
    )
    return {r["name"] for r in rows}


def test_attendance_september(store: ox.Store) -> None:
    assert _names(store, SEPT, "present") == {
        "Marie-Louise Andreassen", "Michael Fenger", "Marianne Zangenberg", "Christian Buje Tingleff",
        "Bastian Broby Glavind Hansen", "Casper Schiøtz Bratvold", "Christian Steen Jensen", "Rikke Ulk",
        "Andreas Boysen-Kleist", "Jonatan Schloss",
    }  # fmt: skip
    assert _names(store, SEPT, "absent") == {
        "Poul Vagn Jensen", "Jesper Alkestrup", "Maria Cordt", "Mira Wessels", "Nikolaj Beuschel",
    }  # fmt: skip


def test_attendance_april(store: ox.Store) -> None:
    assert _names(store, APRIL, "present") == {
        "Marie-Louise Andreassen", "Michael Fenger", "Marianne Zangenberg", "Christian Buje Tingleff",
        "Poul Vagn Jensen", "Jesper Alkestrup", "Christian Steen Jensen", "Rikke Ulk",
        "Andreas Boysen-Kleist", "Mira Wessels", "Jonatan Schloss", "Nikolaj Beuschel",
    }  # fmt: skip
    assert _names(store, APRIL, "absent") == {
        "Casper Schiøtz Bratvold",
        "Bastian Broby Glavind Hansen",
    }


def test_nobody_both_present_and_absent(store: ox.Store) -> None:
    assert not ask(store, "ASK { ?m mkg:present ?p ; mkg:absent ?p }")


def test_one_person_across_meetings(store: ox.Store) -> None:
    poul = iri("person", "poul-vagn-jensen")
    rows = select(store, "SELECT ?p WHERE { ?p skos:altLabel 'Poul V. Jensen' }")
    assert rows == [{"p": poul}]
    assert ask(store, f"ASK {{ <{APRIL}> mkg:present <{poul}> . <{SEPT}> mkg:absent <{poul}> }}")


def test_an_id_minted_for_a_variant_keeps_resolving(store: ox.Store) -> None:
    rows = select(
        store, f"SELECT ?to WHERE {{ <{iri('person', 'poul-v-jensen')}> owl:sameAs ?to }}"
    )
    assert rows == [{"to": iri("person", "poul-vagn-jensen")}]


def test_every_committee_member_is_one_person_whatever_the_spelling(store: ox.Store) -> None:
    """15 members: the attendance lists and the working groups name the same 15 resources."""
    attending = select(store, "SELECT DISTINCT ?p WHERE { ?m mkg:present|mkg:absent ?p }")
    grouped = select(
        store,
        "SELECT DISTINCT ?p WHERE { ?ms org:member ?p ; org:organization/a mkg:WorkingGroup }",
    )
    assert len(attending) == 15
    assert {r["p"] for r in grouped} == {r["p"] for r in attending}


@pytest.mark.parametrize(
    ("canonical", "variants"),
    [
        ("poul-vagn-jensen", {"Poul V. Jensen"}),
        ("bastian-broby-glavind-hansen", {"Bastian Broby Glavind"}),
        ("jesper-alkestrup", {"Jesper Alekstrup"}),
        ("maria-cordt", {"Marie Cordt"}),
    ],
)
def test_name_variants_are_alt_labels(store: ox.Store, canonical: str, variants: set[str]) -> None:
    rows = select(store, f"SELECT ?alt WHERE {{ <{iri('person', canonical)}> skos:altLabel ?alt }}")
    assert {r["alt"] for r in rows} == variants


def test_no_two_people_share_a_name(store: ox.Store) -> None:
    rows = select(store, "SELECT DISTINCT ?p ?name WHERE { ?p a person:Person ; foaf:name ?name }")
    assert len(rows) == len({r["name"] for r in rows}) == 22


ITEMS = [
    (
        SEPT,
        1,
        "Dagsorden til 4. møde som konference i Opgaveudvalget om Innovation",
        "EMN-2017-04615",
    ),
    (APRIL, 1, "Andet møde i Opgaveudvalg om Innovation", "EMN-2017-02193"),
    (APRIL, 2, "Eventuelt", "EMN-2017-01714"),
]


def test_items_exactly(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?m ?n ?public ?title ?case WHERE {
          ?m mkg:agendaItem ?i . ?i a mkg:AgendaItem ; mkg:number ?n ; mkg:public ?public ;
            dct:title ?title ; mkg:case [ dct:identifier ?case ] }""",
    )
    found = {(r["m"], int(r["n"]), r["title"], r["case"]) for r in rows}
    assert found == set(ITEMS)
    assert {r["public"] for r in rows} == {"true"}


def _item(meeting: str, number: int) -> str:
    return f"{meeting.replace('/meeting/', '/item/')}-{number}"


def _section(store: ox.Store, item: str, prop: str) -> str:
    """The section's text as the minutes state it (an agenda's graph states its own)."""
    rows = select(
        store,
        f"""SELECT ?text WHERE {{ GRAPH ?g {{ ?g dct:type mkg:Minutes . <{item}> mkg:{prop} ?text }}
        }}""",
    )
    assert len(rows) == 1, f"{item} has {len(rows)} values of mkg:{prop}"
    return rows[0]["text"]


def test_section_texts(store: ox.Store) -> None:
    sept = _item(SEPT, 1)
    summary = _section(store, sept, "summary")
    assert summary.startswith(
        "Opgaveudvalget om Innovation skal med udgangspunkt i ønsket om at øge"
    )
    assert summary.endswith("2. dels at afprøve innovative og digitale udviklingsmetoder.")
    background = _section(store, sept, "background")
    assert background.startswith("Konferencens program er følgende:")
    assert "Gry Ravn, Innovationschef i Gentofte Kommune, gennemgår programmet." in background
    recommendation = _section(store, sept, "recommendation")
    assert recommendation.startswith("Til Opgaveudvalget om Innovation:")
    assert "Tværgående Funktioner indstiller" not in recommendation
    decision = _section(store, sept, "decision")
    assert decision.startswith("Opgaveudvalg for Innovation afholdte 4. møde d. 26. september 2017")
    assert "\nInternet of things/big data\n" in decision  # the bullet is no word of it
    assert decision.endswith("hvordan udvalgte løsninger kan afprøves effektivt og hurtigt.")
    april = _item(APRIL, 1)
    assert _section(store, april, "decision").startswith("Velkomst, mødets program, opsamling")
    assert _section(store, _item(APRIL, 2), "decision") == "Intet."


def test_placeholder_prior_decisions_give_no_triple(store: ox.Store) -> None:
    assert not ask(store, "ASK { ?i mkg:priorDecisions ?t }")


def test_section_texts_are_danish(store: ox.Store) -> None:
    rows = select(
        store,
        "SELECT DISTINCT (LANG(?t) AS ?lang) WHERE { ?i mkg:summary|mkg:decision|mkg:background ?t }",
    )
    assert rows == [{"lang": "da"}]


def test_recommending_units(store: ox.Store) -> None:
    rows = select(
        store,
        "SELECT ?i ?label WHERE { ?i mkg:recommendedBy ?u . ?u a org:OrganizationalUnit ; rdfs:label ?label }",
    )
    assert {(r["i"], r["label"]) for r in rows} == {
        (_item(SEPT, 1), "Tværgående Funktioner"),
        (_item(APRIL, 1), "Innovationsenheden"),
    }


def test_attachments_with_numbers(store: ox.Store) -> None:
    rows = select(
        store,
        "SELECT ?i ?title ?number WHERE { ?i mkg:attachment ?a . ?a a mkg:Attachment ; dct:title ?title ; dct:identifier ?number }",
    )
    assert {(r["i"], r["title"], r["number"]) for r in rows} == {
        (_item(SEPT, 1), "Program konference den 26. september 2017", "2002763"),
        (_item(APRIL, 1), "Opsamling fra 1. møde i Udvalg om Innovation", "1804694"),
        (_item(APRIL, 1), "Kort intro til projekter og gruppeinddeling", "1804903"),
        (_item(APRIL, 1), "Procesplan Opgaveudvalg Om Innovation", "1804695"),
    }


@pytest.mark.parametrize(
    ("resource", "sources"),
    [
        (SEPT, {MINUTES_SEPT, AGENDA_SEPT}),
        (APRIL, {MINUTES_APRIL, AGENDA_APRIL}),
        (_item(SEPT, 1), {MINUTES_SEPT, AGENDA_SEPT}),
        (_item(APRIL, 1), {MINUTES_APRIL, AGENDA_APRIL}),
        (_item(APRIL, 2), {MINUTES_APRIL, AGENDA_APRIL}),
    ],
)
def test_agenda_merged_into_its_meeting_and_items(
    store: ox.Store, resource: str, sources: set[str]
) -> None:
    rows = select(store, f"SELECT ?d WHERE {{ <{resource}> prov:wasDerivedFrom ?d }}")
    assert {r["d"] for r in rows} == sources


def test_each_document_graph_holds_its_own_statements(store: ox.Store) -> None:
    """The agenda without heading states the item's summary in its own graph, at its own line."""
    rows = select(
        store,
        f"""SELECT ?page ?first ?last WHERE {{ GRAPH <{AGENDA_SEPT}> {{
          ?s rdf:subject <{_item(SEPT, 1)}> ; rdf:predicate mkg:summary ;
             mkg:page ?page ; mkg:firstLine ?first ; mkg:lastLine ?last }} }}""",
    )
    assert rows == [{"page": "1", "first": "2", "last": "25"}]


def test_fact_provenance_lines(store: ox.Store) -> None:
    """The decision "Intet." of April item 2 is at line 185 of the minutes; a person's
    attendance points to the attendance line with the name as written."""
    rows = select(
        store,
        f"""SELECT ?first WHERE {{ GRAPH <{MINUTES_APRIL}> {{
          ?s rdf:subject <{_item(APRIL, 2)}> ; rdf:predicate mkg:decision ; mkg:firstLine ?first }} }}""",
    )
    assert rows == [{"first": "185"}]
    rows = select(
        store,
        f"""SELECT ?first ?text WHERE {{ GRAPH <{MINUTES_SEPT}> {{
          ?s rdf:subject <{SEPT}> ; rdf:predicate mkg:absent ; rdf:object <{iri("person", "poul-vagn-jensen")}> ;
             mkg:firstLine ?first ; mkg:sourceText ?text }} }}""",
    )
    assert rows == [{"first": "15", "text": "Poul V. Jensen"}]


def test_build_provenance(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?b ?version ?settings ?shapes (COUNT(?d) AS ?n) WHERE {
          ?b a mkg:Build ; mkg:codeVersion ?version ; mkg:settingsHash ?settings ;
             mkg:shapesHash ?shapes ; prov:startedAtTime ?t ; prov:used ?d }
          GROUP BY ?b ?version ?settings ?shapes""",
    )
    assert len(rows) == 1
    assert rows[0]["n"] == "4"
