"""The technology scheme kg/data/ontology/concepts.ttl and the matcher in kg.extract.concepts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

import pytest
from rdflib import RDF, SKOS, Graph, Literal, URIRef

from kg.extract.concepts import (
    Concept,
    ConceptMatch,
    Label,
    Scheme,
    compile_matcher,
    find_concepts,
    load_default_scheme,
    load_scheme,
)

ROOT: Final = Path(__file__).resolve().parents[2]
SCHEME_FILE: Final = ROOT / "kg" / "data" / "ontology" / "concepts.ttl"
EXAMPLES: Final = ROOT / "examples"
SEED_000: Final = "000_fd3d242d88b435d4.txt"
NS: Final = "https://w3id.org/minutes-kg/concepts/"
SCHEME_IRI: Final = URIRef(NS + "technologies")
#: Ways of working, apart from the technologies (issue 13, point 7).
METHODS_IRI: Final = URIRef(NS + "methods")
#: Known collaboration platforms, looked up by name, not searched in text (issue 13, point 9).
PLATFORMS_IRI: Final = URIRef(NS + "platforms")
SCHEMES: Final = (SCHEME_IRI, METHODS_IRI, PLATFORMS_IRI)
WIKIDATA: Final = re.compile(r"http://www\.wikidata\.org/entity/Q[1-9]\d*")

#: The ten concepts of the demo corpus (examples/README.md, "Technologies per item").
EXAMPLE_CONCEPTS: Final = {
    "heat-pump",
    "district-heating",
    "solar-cell",
    "electric-car",
    "charging-station",
    "drone",
    "artificial-intelligence",
    "software-robot",
    "internet-of-things",
    "big-data",
}

#: The Wikidata items the scheme links to; every other concept has none on purpose.
WIKIDATA_IDS: Final = {
    "artificial-intelligence": "Q11660",
    "internet-of-things": "Q251212",
    "virtual-reality": "Q170519",
    "augmented-reality": "Q254183",
    "big-data": "Q858810",
    "robot": "Q11012",
    "chatbot": "Q870780",
    "blockchain": "Q20514253",
    "data-analysis": "Q1988917",
    "machine-learning": "Q2539",
    "mobile-app": "Q620615",
    "cloud-computing": "Q483639",
    "3d-printing": "Q229367",
    "sensor": "Q167676",
    "drone": "Q484000",
    "electric-car": "Q193692",
    "charging-station": "Q2140665",
    "wind-turbine": "Q49833",
    "operating-system": "Q9135",
    "blog": "Q30849",
    "facebook": "Q355",
}


@pytest.fixture(scope="module")
def scheme() -> Scheme:
    return load_scheme(SCHEME_FILE)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(SCHEME_FILE, format="turtle")


def slugs(text: str, scheme: Scheme) -> set[str]:
    return {m.concept.removeprefix(NS) for m in find_concepts(text, scheme)}


def concepts_of(graph: Graph) -> list[URIRef]:
    return sorted(c for c in graph.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef))


def literals(graph: Graph, node: URIRef, predicate: URIRef) -> list[Literal]:
    return [o for o in graph.objects(node, predicate) if isinstance(o, Literal)]


# ---------------------------------------------------------------------------------------------
# The scheme


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_scheme_has_danish_and_english_labels_and_top_concepts(
    graph: Graph, scheme: URIRef
) -> None:
    assert set(graph.subjects(RDF.type, SKOS.ConceptScheme)) == set(SCHEMES)
    assert {lit.language for lit in literals(graph, scheme, SKOS.prefLabel)} == {"da", "en"}
    tops = set(graph.objects(scheme, SKOS.hasTopConcept))
    assert len(tops) >= (4 if scheme == SCHEME_IRI else 1)
    assert tops == set(graph.subjects(SKOS.topConceptOf, scheme))


def test_the_scheme_has_50_to_70_concepts_in_its_namespace(graph: Graph) -> None:
    """Grown from the agenda-portal items (issue 13, point 8), still a focused list."""
    concepts = concepts_of(graph)
    assert 50 <= len(concepts) <= 70
    assert all(str(c).startswith(NS) and "/" not in str(c).removeprefix(NS) for c in concepts)


def test_every_concept_is_in_the_scheme_labelled_defined_and_placed(graph: Graph) -> None:
    concepts = set(concepts_of(graph))
    for concept in concepts:
        (scheme,) = graph.objects(concept, SKOS.inScheme)
        assert scheme in SCHEMES, concept
        prefs = sorted(str(lit.language) for lit in literals(graph, concept, SKOS.prefLabel))
        assert prefs == ["da", "en"], concept
        definitions = literals(graph, concept, SKOS.definition)
        assert any(d.language == "en" and len(d) > 20 for d in definitions), concept
        broader = set(graph.objects(concept, SKOS.broader))
        top = (concept, SKOS.topConceptOf, scheme) in graph
        assert top != bool(broader), f"{concept}: a top concept or narrower, not both"
        assert broader <= concepts, concept


def test_every_label_has_a_language_tag(graph: Graph) -> None:
    for concept in concepts_of(graph):
        for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            assert all(lit.language in ("da", "en") for lit in literals(graph, concept, predicate))


def test_exact_matches_are_the_checked_wikidata_items(graph: Graph) -> None:
    found = {}
    for concept in concepts_of(graph):
        for target in graph.objects(concept, SKOS.exactMatch):
            assert WIKIDATA.fullmatch(str(target)), target
            found[str(concept).removeprefix(NS)] = str(target).rsplit("/", 1)[1]
    assert found == WIKIDATA_IDS


def test_no_two_concepts_share_a_label(scheme: Scheme) -> None:
    owner: dict[str, str] = {}
    for concept in scheme.concepts:
        for label in {x.text.casefold() for x in concept.labels}:
            assert owner.setdefault(label, concept.iri) == concept.iri, label


def test_the_scheme_covers_the_example_corpus_and_the_seed(scheme: Scheme) -> None:
    known = {c.iri.removeprefix(NS) for c in scheme.concepts}
    assert known >= EXAMPLE_CONCEPTS
    seed = {"virtual-reality", "augmented-reality", "robot", "sensor", "virtual-assistant"}
    seed |= {"speech-recognition", "chatbot", "mobile-app", "data-analysis", "prototyping"}
    assert known >= seed | {"welfare-technology", "minimum-viable-product", "continuous-delivery"}


def test_load_scheme_reads_labels_definitions_and_hierarchy(scheme: Scheme) -> None:
    assert scheme.iri == str(SCHEME_IRI)
    heat_pump = scheme.concept(NS + "heat-pump")
    assert heat_pump.pref_label("da") == "varmepumpe"
    assert heat_pump.pref_label("en") == "heat pump"
    assert Label("varmepumperne", "da", "hidden") in heat_pump.labels
    assert heat_pump.broader == (NS + "energy-and-climate-technology",)
    assert heat_pump.definition.startswith("A device")
    assert scheme.concept(NS + "robot").exact_match == ("http://www.wikidata.org/entity/Q11012",)
    assert load_default_scheme().iri == scheme.iri


def test_known_platforms_are_looked_up_by_name_not_found_in_text(scheme: Scheme) -> None:
    dropbox = scheme.platform("drop  box")
    assert dropbox is not None and dropbox.iri == NS + "dropbox"
    facebook = scheme.platform("facebook")
    assert facebook is not None
    assert facebook.exact_match == ("http://www.wikidata.org/entity/Q355",)
    assert scheme.platform("Slack") is None
    assert find_concepts("opslag på kommunens facebook-side og i Trello", scheme) == []


def test_two_concepts_with_one_label_are_rejected() -> None:
    one = Concept("urn:a", (Label("drone", "da", "pref"),), "A")
    two = Concept("urn:b", (Label("Drone", "en", "alt"),), "B")
    with pytest.raises(ValueError, match="'Drone' belongs to urn:a and urn:b"):
        compile_matcher([one, two])


# ---------------------------------------------------------------------------------------------
# Matching: inflection, compounds, combined mentions, false-positive traps

MATCHES: Final = [
    # Danish inflection: singular, definite, plural, definite plural, genitive
    ("Vi køber en varmepumpe", {"heat-pump"}),
    ("Varmepumpen er installeret", {"heat-pump"}),
    ("udskiftning til varmepumper", {"heat-pump"}),
    ("varmepumperne larmer", {"heat-pump"}),
    ("varmepumpens effekt", {"heat-pump"}),
    ("en robot", {"robot"}),
    ("robotten kører", {"robot"}),
    ("to robotter", {"robot"}),
    ("robotterne lader op", {"robot"}),
    ("en drone, dronen, droner og dronerne", {"drone"}),
    ("nærmeste ladestander", {"charging-station"}),
    ("ladestanderen, ladestandere og ladestanderne", {"charging-station"}),
    ("elbilen og elbilerne", {"electric-car"}),
    ("tre elcykler", {"electric-bicycle"}),
    ("sensorens batteri", {"sensor"}),
    ("appen og andre apps", {"mobile-app"}),
    ("chatbotten og chatbots", {"chatbot"}),
    ("solcelleanlægget på taget", {"solar-cell"}),
    ("fire udviklingsmetoder", {"development-method"}),
    # case
    ("KUNSTIG INTELLIGENS I SKOLEN", {"artificial-intelligence"}),
    ("Brug af AI i sagsbehandlingen", {"artificial-intelligence"}),
    # compounds written as one word
    ("softwarerobotter i sagsbehandlingen", {"software-robot"}),
    ("Solcelleanlæg på skolerne", {"solar-cell"}),
    ("et nyt solcelletag", {"solar-cell"}),
    ("dronefotos af taget", {"drone"}),
    ("robotdyr på plejecentret", {"robot"}),
    ("flere plejerobotter", {"robot"}),
    ("luft-til-vand-varmepumper og jordvarmepumper", {"heat-pump"}),
    ("bevægelsessensorer i boligen", {"sensor"}),
    ("fjernvarmeværket udvides", {"district-heating"}),
    ("et prototypeforløb", {"prototyping"}),
    ("IoT-sensorer i vejbelysningen", {"internet-of-things", "sensor"}),
    ("AI-baserede værktøjer", {"artificial-intelligence"}),
    ("en app-løsning til frontpersonalet", {"mobile-app"}),
    ("digitaliseringsprojekter, som understøtter energiforbedringer", {"digitalisation"}),
    ("Tovejsnødkald på plejecentret", {"personal-alarm"}),
    # combined mentions and coordination
    ("Internet of things/big data", {"internet-of-things", "big-data"}),
    ("Virtual reality/augmented reality", {"virtual-reality", "augmented-reality"}),
    ("Softwarerobotter/kunstig intelligens", {"software-robot", "artificial-intelligence"}),
    ("et virtuelt eller augmented univers", {"virtual-reality", "augmented-reality"}),
    ("Varmepumper og fjernvarme", {"heat-pump", "district-heating"}),
    # a participle in -et also matches in -ede; the grown vocabulary (issue 13, point 8)
    ("morgendagens teknologibaserede velfærdsløsninger", {"welfare-technology"}),
    ("velfærdsteknologiske løsninger i hjemmeplejen", {"welfare-technology"}),
    ("muligheden for at anvende data til at forebygge", {"data-analysis"}),
    ("kombinere data på nye måder", {"data-analysis"}),
    ("en blog og et nyhedsbrev", {"blog"}),
    ("overgik til nyt IT-system (KY)", {"it-system"}),
    ("sagsbehandles i fagsystemet Nexus", {"it-system"}),
    ("IT - systemer og -aftaler", {"it-system"}),
    ("nyeste version af Windows styresystem", {"operating-system"}),
    ("Ipad pro med tastatur og en bærbar PC", {"it-equipment"}),
    ("livestreaming af byrådsmøder", {"live-streaming"}),
    ("afstemning via mikrofonsystemet og robotkameraer", {"audio-visual-equipment"}),
    ("Mødet blev afholdt som et videomøde.", {"video-conferencing"}),
    ("to digitale møder med deltagerne", {"video-conferencing"}),
    ("etablering af tv-overvågning og overvågningsfaciliteter", {"video-surveillance"}),
    ("Indtægter, ABA (automatiske brandalarmeringsanlæg)", {"fire-alarm-system"}),
    ("Bygningsautomatik (CTS) på skolerne", {"building-automation"}),
    ("udskiftning til LED-belysning", {"led-lighting"}),
    ("solceller og solfangere på taget", {"solar-cell", "solar-thermal-collector"}),
    ("nye tovejs nødkald", {"personal-alarm"}),
    ("skærmbesøg i hjemmeplejen", {"video-visit"}),
    ("udbygning af bredbånd og mobildækning", {"broadband", "mobile-network"}),
    # English labels inside Danish text; phrases across a line break or a hyphen
    (
        "Gruppen drøftede machine learning og cloud computing",
        {"machine-learning", "cloud-computing"},
    ),
    ("anvendelse af kunstig\nintelligens", {"artificial-intelligence"}),
    ("3D-printere på biblioteket", {"3d-printing"}),
    ("et smart-city-projekt", {"smart-city"}),
    ("produktet som MVP", {"minimum-viable-product"}),
    # at the start of a sentence capitals prove nothing
    (
        "Droner og kunstig intelligens til kortlægning af varmetab",
        {"drone", "artificial-intelligence"},
    ),
    ("1. Ladestandere til elbiler", {"charging-station", "electric-car"}),
]

NO_MATCHES: Final = [
    "et nyt apparat",
    "en happening i byen",
    "send en mail til kandidaten",
    "Dronning Margrethe",
    "dronningens nytårstale",
    "knappen på trappen",
    "se appendiks 2",
    "sensoriske behov",
    "et ar på kinden",
    "ai",
    "modelbiler",
    "Sundhedsdata",
    "data fra fjernaflæste varmemålere",
    "opsamling af data",
    "termografering af boliger",
    "delebiler i landsbyerne",
    "Grøn teknologi i hverdagen",
    "ny teknologi og teknologiernes potentiale",
    "Chefkonsulent i Varmepumpeforum Vest",
    "aftale med Fjernvarme Fyn om levering",
    # "data" and "system" alone, and the words they are part of, are no technology
    "databehandleraftaler med it-leverandører",
    "overvågning af grundvandet",
    "stisystemet langs vejen",
    "indberettes i kommunens økonomisystem",
    # "tablet" is also a pill, "led" a link: neither is a label
    "tabletter mod smerter",
    "som et led i formidlingen",
    # a committee's name, a person's post: not the text's subject (issue 13, point 8)
    "i samarbejde med Opgaveudvalget for digitalisering og teknologi",
    "Oplæg ved Tim Frank Andersen, Digitaliseringsdirektør Charlie Tango",
]


@pytest.mark.parametrize(("text", "expected"), MATCHES)
def test_finds_the_concepts(text: str, expected: set[str], scheme: Scheme) -> None:
    assert slugs(text, scheme) == expected


@pytest.mark.parametrize("text", NO_MATCHES)
def test_finds_nothing_in_unrelated_words_and_names(text: str, scheme: Scheme) -> None:
    assert find_concepts(text, scheme) == []


def test_matches_are_sorted_non_overlapping_and_as_written(scheme: Scheme) -> None:
    text = "Oplæg ved Lærke Abildgaard, Chefkonsulent i Varmepumpeforum Vest, om Fysiske robotter og varmepumper."
    found = find_concepts(text, scheme)
    robots, pumps = text.index("Fysiske"), text.index("varmepumper")
    assert found == [
        ConceptMatch(NS + "robot", robots, robots + 16, "Fysiske robotter"),
        ConceptMatch(NS + "heat-pump", pumps, pumps + 11, "varmepumper"),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_the_longest_mention_wins(scheme: Scheme) -> None:
    found = find_concepts("generativ kunstig intelligens og softwarerobotterne", scheme)
    assert [m.text for m in found] == ["kunstig intelligens", "softwarerobotterne"]
    assert [m.concept.removeprefix(NS) for m in found] == [
        "artificial-intelligence",
        "software-robot",
    ]


def test_a_coordinated_word_is_its_own_mention(scheme: Scheme) -> None:
    """The label "virtuelt univers" and the label "augmented" together: no label of the
    seed's wording "augmented univers" is needed (issue 13, point 8)."""
    text = "hvordan et virtuelt eller augmented univers kan understøtte"
    assert [(m.text, m.start) for m in find_concepts(text, scheme)] == [
        ("virtuelt", 11),
        ("augmented", 26),
    ]


def test_no_label_is_the_seeds_own_wording(graph: Graph) -> None:
    """Labels that only the seed minutes use gave way to general ones (issue 13, point 8)."""
    labels = {
        str(o).casefold()
        for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
        for o in graph.objects(None, p)
    }
    assert not labels & {"augmented univers", "app-løsning", "fysiske robotter"}


# ---------------------------------------------------------------------------------------------
# Seed 000: every technology sentence of the real minutes

SEED_SENTENCES: Final = [
    ("- Internet of things/big data", {"internet-of-things", "big-data"}),
    ("- Virtual reality/augmented reality", {"virtual-reality", "augmented-reality"}),
    ("- Softwarerobotter/kunstig intelligens", {"software-robot", "artificial-intelligence"}),
    ("- Fysiske robotter", {"robot"}),
    (
        "Med ønsket om, at borgere med demens kan blive længst muligt i eget hjem drøftede gruppen blandt andet potentialet i sensorer til overvågning og opsamling af data.",
        {"sensor"},
    ),
    (
        "Derudover drøftede gruppen mulighederne i at understøtte struktur i hverdagen med virtuelle assistenter med talegenkendelse.",
        {"virtual-assistant", "speech-recognition"},
    ),
    (
        "Gruppen drøftede blandt andet potentialet i virtuelle assistenter til struktur i hverdagen, ressourcefrigørelse ved automatisering af sagsbehandling samt data til brug for tidlig opsporing, herunder app-løsning til frontpersonalet, der fortæller om et barn er i risikozone.",
        {"virtual-assistant", "mobile-app"},
    ),
    (
        "Gruppen drøftede, hvordan chatbots eller mere simple digitale platforme som en blog kan understøtte, at iværksættere får hurtigt svar på deres spørgsmål og lokal matchmaking mellem mentorer og iværksættere.",
        {"chatbot", "digital-platform", "blog"},
    ),
    (
        "Gruppen drøftede også, hvordan et virtuelt eller augmented univers kan understøtte en målrettet og motiverende indsats.",
        {"virtual-reality", "augmented-reality"},
    ),
    (
        "Markedsvalider og test løsninger hurtigt ved at bygge noget (prototyping eller\n\nprototyping), der kan vises for brugerne",
        {"prototyping"},
    ),
    (
        "Fokuser på at lancér et produkt med den vigtigste funktionalitet først (MPV - minimum viable product) og byg kontinuerligt ovenpå med nye versioner (continuous delivery).",
        {"minimum-viable-product", "continuous-delivery"},
    ),
    (
        "At opgaveudvalget får en fælles viden om centrale principper i innovative og digitale udviklingsmetoder",
        {"development-method"},
    ),
    (
        "Gruppen drøftede mulighederne i en digital opgavebørs, hvor arbejdsløse nyuddannede akademikere kan få styrket deres CV ved at løse konkrete opgave for lokale iværksættere.",
        set(),
    ),
    (
        "Gruppen drøftede potentialet i anvende data til identificering af målgruppen",
        {"data-analysis"},
    ),
    (
        "Derudover drøftede gruppen mulighederne for at anvende data til at identificere og forebygge arbejdsløshed blandt nyuddannede akademikere.",
        {"data-analysis"},
    ),
    (
        'Opgaveudvalget om Innovation holder fjerde møde tirsdag d. 26. september 2017 i form af konferencen "Teknologilaboratorium – indsigt i morgendagens teknologibaserede velfærdsløsninger", som afholdes i samarbejde med Opgaveudvalget for digitalisering og teknologi.',
        {"welfare-technology"},
    ),
    (
        "Oplæg ved Tim Frank Andersen, Digitaliseringsdirektør Charlie Tango samt ekspert, forfatter, strategisk rådgiver og foredragsholder indenfor ny teknologi.",
        set(),
    ),
    (
        "Efterfølgende drøftede politikerne i en gruppe for sig deres rolle i at drive innovation og digitalisering frem.",
        {"digitalisation"},
    ),
]


@pytest.fixture(scope="module")
def seed_000() -> str:
    path = ROOT.parent / "shared" / "seeds" / SEED_000
    if not path.is_file():
        pytest.skip(f"the seed minutes are not beside the repository (looked for {path})")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("sentence", "expected"), SEED_SENTENCES)
def test_seed_000_sentences(
    sentence: str, expected: set[str], seed_000: str, scheme: Scheme
) -> None:
    assert sentence in seed_000
    assert slugs(sentence, scheme) == expected


def test_seed_000_as_a_whole(seed_000: str, scheme: Scheme) -> None:
    assert slugs(seed_000, scheme) == set().union(*(expected for _, expected in SEED_SENTENCES))


# ---------------------------------------------------------------------------------------------
# The demo corpus: the ten concepts and nothing else


def read_example(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def test_the_example_corpus_mentions_exactly_its_ten_concepts(scheme: Scheme) -> None:
    texts = [read_example(p) for p in sorted(EXAMPLES.rglob("*.txt"))]
    assert len(texts) >= 11
    assert set().union(*(slugs(text, scheme) for text in texts)) == EXAMPLE_CONCEPTS


def test_varmepumpeforum_vest_is_no_heat_pump_in_the_example(scheme: Scheme) -> None:
    text = read_example(EXAMPLES / "_pdf-sources" / "referat-2024-02-27.txt")
    line = next(x for x in text.splitlines() if "Varmepumpeforum Vest" in x)
    assert find_concepts(line, scheme) == []
    assert "heat-pump" in slugs(text, scheme)
