"""Person resolution: the merges the seeds and the example corpus need, the merges they must
not get, curated overrides, determinism, explanations, and the overrides file."""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.iri import slugify
from kg.resolve.overrides import load_overrides
from kg.resolve.people import PeopleResolution, explain, resolve_people
from kg.resolve.people_model import NameOccurrence, NameRole, Overrides, PersonCluster

OVERRIDES = Path(__file__).resolve().parents[1] / "data" / "overrides"
INNOVATION = "opgaveudvalg-om-innovation"
KMU, BSU = "klima-og-miljoeudvalget", "boerne-og-skoleudvalget"
OU = "opgaveudvalg-om-groen-omstilling"
ROLES = {"presenter": NameRole.PRESENTER, "mention": NameRole.MENTION}

# The seeds (Gentofte 2017), as written: "Tilstede" and "Fraværende" of one meeting are one
# attendance list; each working group ("Følgende medlemmer i udvalget ser på …") is one list.
SEED_DOCS = {
    "000": ("000_fd3d242d88b435d4.txt", INNOVATION, date(2017, 9, 26)),
    "001": ("001_347c8e4df3f056bf.txt", INNOVATION, date(2017, 4, 25)),
}
SEED_LISTS = """
000 attendance: Marie-Louise Andreassen, Michael Fenger, Marianne Zangenberg, Christian Buje Tingleff, Bastian Broby Glavind, Casper Schiøtz Bratvold, Christian Steen Jensen, Rikke Ulk, Andreas Boysen-Kleist og Jonatan Schloss
000 attendance: Poul V. Jensen, Jesper Alkestrup, Maria Cordt, Mira Wessels og Nikolaj Beuschel
001 attendance: Marie-Louise Andreassen, Michael Fenger, Marianne Zangenberg, Christian Buje Tingleff, Poul V. Jensen, Jesper Alkestrup, Christian Steen Jensen, Rikke Ulk, Andreas Boysen-Kleist, Mira Wessels, Jonatan Schloss og Nikolaj Beuschel
001 attendance: Casper Schiøtz Bratvold og Bastian Broby Glavind
001 group-1: Christian Steen Jensen, Rikke Ulk, Jonatan Schloss, Michael Fenger, Marianne Zangenberg
001 group-2: Nikolaj Beuschel, Mira Wessels, Andreas Boysen-Kleist, Poul Vagn Jensen, Christian Buje Tingleff
001 group-3: Casper Schiøtz Bratvold, Bastian Broby Glavind Hansen, Jesper Alekstrup, Marie Cordt, Marie-Louise Andreassen
"""

# The example corpus (examples/README.md): attendance, groups, presenters, names in text.
EXAMPLE_DOCS = {
    "k1": ("kmu/referat-2023-03-14.txt", KMU, date(2023, 3, 14)),
    "k2": ("kmu/referat-2023-09-12.txt", KMU, date(2023, 9, 12)),
    "b1": ("bsu/referat-2023-05-09.txt", BSU, date(2023, 5, 9)),
    "b2": ("bsu/referat-2024-01-16.txt", BSU, date(2024, 1, 16)),
    "o1": ("ou/referat-2023-04-25.txt", OU, date(2023, 4, 25)),
    "o2": ("ou/referat-2023-10-03.txt", OU, date(2023, 10, 3)),
    "o3": ("ou/referat-2024-02-27.pdf", OU, date(2024, 2, 27)),
}
EXAMPLE_LISTS = """
k1 attendance: Mette Brandt, Henrik K. Lauridsen, Anne Holm, Torben Melgaard, Jonas Brix og Lene Kofoed Aagaard, Peter Skovbo
k2 attendance: Mette Brandt, Henrik K. Lauridsen, Anne Holm, Torben Meglaard, Jonas Brix, Lene Kofoed Aagaard og Peter Skovbo
k2 mention: Torben Melgaard
b1 attendance: Kathrine Dalsgaard, Anne Holm Madsen, Nadia Rahimi, Ole Bisgaard, Susanne Friis Damgaard og Martin Kjeldgaard, Kasper Lind Ravnholt
b1 mention: Kathrine Dalsgaard
b2 attendance: Katrine Dalsgaard, Anne Holm Madsen, Nadia Rahimi, Ole Bisgaard, Kasper Lind Ravnholt, Susanne Friis Damgaard og Martin Kjeldgaard
b2 presenter: Kathrine Vinther
o1 attendance: Anne Holm, Henrik K. Lauridsen, Anne Holm Madsen, Kasper Lind Ravnholt, Torben Melgaard, Sara Ebbesen Kold, Morten Hyldgaard, Ida Brønnum Lykke, Jakob Thrane, Louise Nygaard Stilling, Helle Bruun Sejersen, Tobias Grønbech og Bjarke Vognsen, Emil Quist og Cecilie Aamand
o1 group-1: Henrik Krogh Lauridsen, Sara Ebbesen Kold, Morten Hyldgaard, Helle Bruun Sejersen, Bjarke Vognsen
o1 group-2: Anne Holm Madsen, Ida Brønnum Lykke, Jakob Thrane, Tobias Grønbech, Emil Quist
o1 group-3: Anne Holm, Kasper Lind Ravnholt Nielsen, Torben Melgaard, Louise Nygaard Stilling, Cecilie Aamand
o1 presenter: Mads Lauridsen, Birgit Sandahl, Kathrine Vinther
o2 attendance: Anne Holm, Henrik K. Lauridsen, Anne Holm Madsen, Kasper Lind Ravnholt, Torben Melgaard, Sara Ebbesen Kold, Ida Brønnum Lykke, Jakob Thrane, Louise Nygaard Stilling, Emil Quist, Helle Bruun Sejersen, Cecilie Aamand og Bjarke Vognsen, Morten Hyldgaard og Tobias Grønbech
o2 presenter: Sofie Agerskov, Rasmus Thorsøe, Mads Lauridsen, Birgit Sandahl, Kathrine Vinther, Gitte S. Frandsen
o2 mention: Rasmus
o3 attendance: Anne Holm, Henrik K. Lauridsen, Anne Holm Madsen, Kasper Lind Ravnholt, Torben Melgaard, Sara Ebbesen Kold, Morten Hyldgaard, Ida Brønnum Lykke, Louise Nygaard Stilling, Emil Quist, Helle Bruun Sejersen, Tobias Grønbech, Cecilie Aamand og Bjarke Vognsen, Jakob Thrane
o3 mention: Henrik Krogh Lauridsen, Ida Brønnum Lykke, Kasper Lind Ravnholt Nielsen
o3 presenter: Lærke Abildgaard, Sofie Agerskov
"""


def occurrences(lists: str, docs: Mapping[str, tuple[str, str, date]]) -> list[NameOccurrence]:
    """Occurrences from lines "DOC KIND: A, B og C"; attendance and groups are lists."""
    found = []
    for line in lists.strip().splitlines():
        head, names = line.split(": ")
        key, kind = head.split()
        document, committee, day = docs[key]
        role = ROLES.get(kind, NameRole.MEMBER if kind.startswith("group") else NameRole.ATTENDANCE)
        list_id = None if kind in ROLES else f"{key}#{kind}"
        for name in names.replace(" og ", ", ").split(", "):
            found.append(NameOccurrence(name, document, role, committee, day, list_id))
    return found


SEEDS = occurrences(SEED_LISTS, SEED_DOCS)
EXAMPLES = occurrences(EXAMPLE_LISTS, EXAMPLE_DOCS)
O1, O2, B1, B2 = (EXAMPLE_DOCS[k][0] for k in ("o1", "o2", "b1", "b2"))


def occ(
    name: str, doc: str, committee: str | None = "c", day: date | None = None
) -> NameOccurrence:
    """One name in one document's attendance list (list id = document)."""
    return NameOccurrence(name, doc, NameRole.ATTENDANCE, committee, day, doc)


def person(resolution: PeopleResolution, name: str) -> PersonCluster:
    """The one person with this spelling (fails when there are several)."""
    found = [c for c in resolution.clusters if name in c.names]
    assert len(found) == 1, f"{name!r} is in {len(found)} clusters"
    return found[0]


def one(resolution: PeopleResolution, a: str, b: str) -> bool:
    """Whether two spellings (each of one person) are the same person."""
    return person(resolution, a) == person(resolution, b)


@pytest.fixture(scope="module")
def seeds() -> PeopleResolution:
    return resolve_people(SEEDS)


@pytest.fixture(scope="module")
def examples() -> PeopleResolution:
    return resolve_people(EXAMPLES)


@pytest.mark.parametrize(
    ("label", "variant", "evidence"),
    [
        ("Poul Vagn Jensen", "Poul V. Jensen", "abbreviated middle name: 'V.' ~ 'Vagn'"),
        ("Bastian Broby Glavind Hansen", "Bastian Broby Glavind", "name at the end: 'Hansen'"),
        ("Jesper Alkestrup", "Jesper Alekstrup", "one letter apart: alekstrup/alkestrup"),
        ("Maria Cordt", "Marie Cordt", "first-name variant: 'Maria' ~ 'Marie'"),
    ],
)
def test_seed_variants(seeds: PeopleResolution, label: str, variant: str, evidence: str) -> None:
    p = person(seeds, variant)
    assert p.label == label and p.alt_labels == (variant,) and 0 < p.score < 1
    (text,) = p.evidence
    assert evidence in text and f"same committee {INNOVATION}" in text
    assert "never in one list" in text and p.retired == (slugify(variant),)


def test_seeds_have_one_person_per_member(seeds: PeopleResolution) -> None:
    assert len(seeds.clusters) == 15
    assert not one(seeds, "Christian Steen Jensen", "Christian Buje Tingleff")
    assert not one(seeds, "Christian Steen Jensen", "Poul Vagn Jensen")
    assert not one(seeds, "Marie Cordt", "Marie-Louise Andreassen")


@pytest.mark.parametrize(
    ("variant", "label"),
    [
        ("Henrik K. Lauridsen", "Henrik Krogh Lauridsen"),
        ("Kasper Lind Ravnholt", "Kasper Lind Ravnholt Nielsen"),
        ("Torben Meglaard", "Torben Melgaard"),
        ("Katrine Dalsgaard", "Kathrine Dalsgaard"),
    ],
)
def test_example_variants_merge(examples: PeopleResolution, variant: str, label: str) -> None:
    p = person(examples, variant)
    assert p.label == label and p.alt_labels == (variant,)
    assert p.slug == slugify(label) and p.retired == (slugify(variant),)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Anne Holm", "Anne Holm Madsen"),
        ("Henrik Krogh Lauridsen", "Mads Lauridsen"),
        ("Henrik K. Lauridsen", "Mads Lauridsen"),
        ("Kathrine Dalsgaard", "Kathrine Vinther"),
        ("Katrine Dalsgaard", "Kathrine Vinther"),
        ("Ole Bisgaard", "Martin Kjeldgaard"),
    ],
)
def test_example_different_people_stay_apart(examples: PeopleResolution, a: str, b: str) -> None:
    assert not one(examples, a, b)


def test_examples_have_31_people(examples: PeopleResolution) -> None:
    slugs = [c.slug for c in examples.clusters]
    assert len(slugs) == len(set(slugs)) == 31 and slugs == sorted(slugs)


def test_first_name_alone_resolves_within_its_document(examples: PeopleResolution) -> None:
    assert examples.slug_of("Rasmus", O2) == "rasmus-thorsoee"
    assert examples.slug_of("Kathrine", B1) == "kathrine-dalsgaard"
    assert examples.slug_of("Katrine Dalsgaard", B2) == "kathrine-dalsgaard"
    assert examples.slug_of("henrik k lauridsen", O1) == "henrik-krogh-lauridsen"
    with pytest.raises(KeyError, match="2 people"):
        examples.slug_of("Anne", O1)  # Anne Holm and Anne Holm Madsen
    with pytest.raises(KeyError, match="does not occur"):
        examples.slug_of("Rasmus Thorsøe", B1)


def test_first_name_alone_falls_back_to_the_committee() -> None:
    note = NameOccurrence("Rasmus", "ou/notat.txt", NameRole.MENTION, OU, date(2024, 1, 1))
    assert resolve_people([*EXAMPLES, note]).slug_of("Rasmus", "ou/notat.txt") == "rasmus-thorsoee"
    loose = NameOccurrence("Rasmus", "loose.txt", NameRole.MENTION)
    with pytest.raises(KeyError, match="0 people"):
        resolve_people([*EXAMPLES, loose]).slug_of("Rasmus", "loose.txt")


@pytest.mark.parametrize(
    ("a", "b", "same_list", "merged"),
    [
        ("Ole Berg", "Ole Bergh", True, False),  # one list; "berg" is too short for a typo anyway
        ("Ole Berg", "Ole Bergh", False, False),
        ("Lars Nielsen", "Lars Nielsen Holm", True, False),  # one name inside the other, one list
        ("Lars Nielsen", "Lars Nielsen Holm", False, True),  # one committee, never together
        ("Mette Olsen", "Mette Olesen", True, False),  # one letter inserted, but one list
        ("Mette Olsen", "Mette Olesen", False, True),
        ("Torben Melgaard", "Torben Meglaard", True, False),  # one list beats any rule
        ("Jesper Hansen", "Jasper Hansen", False, False),  # first names: the variants table only
        ("Ole Bisgaard", "Ole Bisholm", False, False),  # two words, another surname
        ("Henrik Krogh Lauridsen", "Mads Lauridsen", False, False),  # last name only
        ("Anne Holm", "Anna Holm", False, False),  # Anne and Anna are two names
        ("Kristina Holt", "Kristine Holt", False, False),  # so are Kristina and Kristine
        ("Poul V. Jensen", "Poul K. Jensen", False, False),  # initials that disagree
        ("Poul V. Jensen", "Poul Jensen", False, False),  # a dropped middle name is no rule
        ("Poul Vagn J.", "Poul Vagn Jensen", False, False),  # only middle names abbreviate
        ("Torben H. D. Petersen", "Torben Hans Dahl Petersen", False, True),
        ("Torben H.D. Petersen", "Torben Hans Dahl Petersen", False, True),
        ("Søren Kragh", "Soren Kragh", False, True),
        ("Christian Buje", "Kristian Buje", False, True),
        ("Casper Schiøtz Bratvold", "Kasper Schiøtz Bratvold", True, False),
    ],
)
def test_pairs(a: str, b: str, same_list: bool, merged: bool) -> None:
    corpus = [occ(a, "d1"), occ(b, "d1" if same_list else "d2")]
    assert one(resolve_people(corpus), a, b) is merged


def test_label_prefers_danish_letters_on_a_tie() -> None:
    resolution = resolve_people([occ("Soren Kragh", "d1"), occ("Søren Kragh", "d2")])
    assert person(resolution, "Soren Kragh").label == "Søren Kragh"


def test_prefix_of_two_words_needs_a_strong_context() -> None:
    other = [occ("Lars Nielsen", "d1"), occ("Lars Nielsen Holm", "d2", "other")]
    assert not one(resolve_people(other), "Lars Nielsen", "Lars Nielsen Holm")
    loose = [occ("Lars Nielsen", "d1"), occ("Lars Nielsen Holm", "d2", None)]
    assert not one(resolve_people(loose), "Lars Nielsen", "Lars Nielsen Holm")
    elsewhere = [*other, occ("Lars Nielsen", "d3"), occ("Lars Nielsen Holm", "d4")]
    assert one(resolve_people(elsewhere), "Lars Nielsen", "Lars Nielsen Holm")
    together = [*elsewhere, occ("Lars Nielsen", "d5", "x"), occ("Lars Nielsen Holm", "d5", "x")]
    assert len(resolve_people(together).clusters) == 2  # once in one list, never one person


def test_variants_need_the_same_committee_and_four_years() -> None:
    a, b = "Poul V. Jensen", "Poul Vagn Jensen"
    assert not one(resolve_people([occ(a, "d1"), occ(b, "d2", "other")]), a, b)
    late = [occ(a, "d1", day=date(2020, 1, 1)), occ(b, "d2", day=date(2025, 1, 1))]
    assert not one(resolve_people(late), a, b)
    p = person(resolve_people([occ(a, "d1"), occ(b, "d2", None)]), b)
    assert a in p.names and p.score == 0.8 and "; committee unknown;" in p.evidence[0]


def test_equal_names_in_two_committees_are_one_person_only_within_four_years() -> None:
    jens = "Jens Hansen"
    far = [occ(jens, "d1", "c", date(2010, 1, 1)), occ(jens, "d2", "o", date(2020, 1, 1))]
    resolution = resolve_people(far)
    assert [c.slug for c in resolution.clusters] == ["jens-hansen", "jens-hansen-2"]
    assert resolution.slug_of(jens, "d1") == "jens-hansen"  # the earlier keeps the plain slug
    assert resolution.slug_of(jens, "d2") == "jens-hansen-2"
    assert all(c.retired == () for c in resolution.clusters)
    loose = NameOccurrence(jens, "loose.txt", NameRole.MENTION)
    assert len(resolve_people([*far, loose]).clusters) == 2  # no bridge through the unknown
    near = [occ(jens, "d1", "c", date(2020, 1, 1)), occ(jens, "d2", "o", date(2023, 6, 1))]
    (p,) = resolve_people(near).clusters
    assert p.score == 1.0 and p.evidence[0].endswith("same name in c and o; dated within 4 years")


VAGN, VERNER, V = "Poul Vagn Jensen", "Poul Verner Jensen", "Poul V. Jensen"
KASPER = "Kasper Lind Ravnholt"


@pytest.mark.parametrize(
    "corpus",
    [
        [occ(VAGN, "d1"), occ(VERNER, "d1"), occ(V, "d2")],  # one list
        [occ(VAGN, "d1"), occ(VERNER, "d2"), occ(V, "d3")],  # V. fits both, Vagn ≠ Verner
        [occ(VAGN, "d1"), occ(VERNER, "d2", "other"), occ(V, "d3", None)],  # via unknown
        [occ(f"{KASPER} Nielsen", "d1"), occ(f"{KASPER} Hansen", "d2"), occ(KASPER, "d3")],
    ],
)
def test_no_spelling_bridges_two_people(corpus: list[NameOccurrence]) -> None:
    resolution = resolve_people(corpus)
    assert len(resolution.clusters) == 2  # the ambiguous spelling joins one of them
    assert all(0 < c.score < 1 for c in resolution.clusters if len(c.names) > 1)


def test_curated_same_wins_over_a_shared_list() -> None:
    same = Overrides(same=((frozenset({"anne holm", "Anne Holm Madsen"}), "A. H. Madsen"),))
    p = person(resolve_people(EXAMPLES, same), "Anne Holm")
    assert p.label == "A. H. Madsen" and p.score == 1.0 and p.slug == "a-h-madsen"
    assert "Anne Holm ~ Anne Holm Madsen (1.00): curated: one person by the overrides" in p.evidence


def test_curated_different_wins_over_a_rule_even_transitively() -> None:
    names = ["Kathrine Dalsgaard", "Katrine Dalsgaard", "Catherine Dalsgaard"]
    corpus = [occ(n, f"d{i}") for i, n in enumerate(names)]
    assert len(resolve_people(corpus).clusters) == 1
    apart = Overrides(different=(frozenset({"Kathrine Dalsgaard", "Catherine Dalsgaard"}),))
    resolution = resolve_people(corpus, apart)
    assert not one(resolution, "Kathrine Dalsgaard", "Catherine Dalsgaard")
    assert len(resolution.clusters) == 2  # Katrine joins one of them, not both
    poul = Overrides(different=(frozenset({"Poul V. Jensen", "Poul Vagn Jensen"}),))
    assert not one(resolve_people(SEEDS, poul), "Poul V. Jensen", "Poul Vagn Jensen")


def test_contradicting_overrides_are_refused() -> None:
    overrides = Overrides(
        same=(
            (frozenset({"Anne Holm", "A. Holm"}), None),
            (frozenset({"A Holm", "Anne Madsen"}), None),
        ),
        different=(frozenset({"Anne Holm", "Anne Madsen"}),),
    )
    with pytest.raises(ValueError, match="join names they also separate"):
        resolve_people(EXAMPLES, overrides)


@pytest.mark.parametrize("seed", [1, 7, 2024])
def test_order_of_input_does_not_matter(seed: int) -> None:
    corpus = [*SEEDS, *EXAMPLES]
    shuffled = random.Random(seed).sample(corpus, len(corpus))
    assert resolve_people(shuffled) == resolve_people(corpus)
    assert resolve_people(shuffled).slug_of("Rasmus", O2) == "rasmus-thorsoee"


def test_explain_puts_the_doubtful_first(examples: PeopleResolution) -> None:
    lines = explain(examples)
    heads = [line for line in lines if not line.startswith("  ")]
    assert len(heads) == 4  # the merged people; one spelling needs no explaining
    scores = [float(h.split("score ")[1].split(")")[0]) for h in heads]
    assert scores == sorted(scores)
    assert lines[:4] == [
        "torben-melgaard (score 0.80): Torben Meglaard | Torben Melgaard",
        "  Torben Meglaard ~ Torben Melgaard (0.80): one letter apart: meglaard/melgaard; "
        "same committee klima-og-miljoeudvalget; never in one list",
        "  Torben Melgaard ~ Torben Melgaard (1.00): same name in klima-og-miljoeudvalget and "
        "opgaveudvalg-om-groen-omstilling; dated within 4 years",
        "  retired: torben-meglaard",
    ]
    assert heads[-1].startswith("henrik-krogh-lauridsen (score 0.90): Henrik K. Lauridsen | ")


def test_scores_in_the_unit_interval(examples: PeopleResolution, seeds: PeopleResolution) -> None:
    for c in (*examples.clusters, *seeds.clusters):
        assert 0 < c.score <= 1
        assert (c.score == 1.0) == all("(1.00)" in e for e in c.evidence)


def test_load_overrides() -> None:
    overrides = load_overrides(OVERRIDES / "people.toml")
    assert overrides.same == (
        (frozenset({"Poul V. Jensen", "Poul Vagn Jensen"}), "Poul Vagn Jensen"),
        (frozenset({"Maria Cordt", "Marie Cordt"}), None),
    )
    assert overrides.different == (
        frozenset({"Anne Holm", "Anne Holm Madsen"}),
        frozenset({"Mette Olsen", "Mette Olesen", "Mette Olsson"}),
    )
    assert person(resolve_people(SEEDS, overrides), "Maria Cordt").score == 1.0


def test_empty_overrides_file_and_a_missing_one(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("# nothing decided yet\n", encoding="utf-8")
    assert load_overrides(path) == Overrides()
    with pytest.raises(InputError, match="cannot read"):
        load_overrides(tmp_path / "absent.toml")


SAME = '[[same]]\nnames = ["A B", "A C"]\n'


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (SAME + '\n[[sam]]\nnames = ["X Y", "X Z"]\n', 4, "unknown key 'sam'"),
        ('title = "x"\n' + SAME, 1, "unknown key 'title'"),
        ('[[different]]\nnames = ["A B", "D E"]\nlable = "A B"\n', 3, "unknown key 'lable'"),
        (SAME + '\n[[same]]\n# one\nnames = ["Poul Jensen"]\n', 6, "at least two different"),
        ('[[different]]\nnames = ["Poul V. Jensen", "poul v jensen"]\n', 2, "at least two"),
        ('[[different]]\nnames = ["Rasmus", "Rasmus Thorsøe"]\n', 2, "'Rasmus' is not a full name"),
        ('[[same]]\nlabel = "A B"\n', 1, "needs names"),
        (SAME + "label = 3\n", 3, "label must be"),
        ('same = "A B"\n', 1, "array of tables"),
        (
            SAME + '[[same]]\nnames = ["A C", "A D"]\n\n[[different]]\nnames = ["A B", "A D"]\n',
            6,
            "'A B' and 'A D' are one person by the [[same]] groups",
        ),
        ('[[same]]\nnames = ["A B",\n  "A C"\nlabel = "x"\n', 4, "not valid TOML"),
    ],
)
def test_load_overrides_errors(tmp_path: Path, text: str, line: int, reason: str) -> None:
    path = tmp_path / "overrides.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_overrides(path)
    assert caught.value.line == line and reason in caught.value.reason
    assert str(caught.value).startswith(f"{path}, line {line}: ")
