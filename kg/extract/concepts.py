"""Find the technologies of the SKOS scheme ``kg/data/ontology/concepts.ttl`` in Danish item texts.

`load_scheme` reads the scheme once and compiles its labels into a `Matcher`; `find_concepts`
returns the non-overlapping mentions in a text, sorted by position. The rules:

- **Labels.** Every skos:prefLabel, altLabel and hiddenLabel, in any language, is searched
  case-insensitively, as whole words: "app" does not match "apparat" or "happening", "drone"
  not "dronning". Abbreviations (at most four characters, a capital after the first, as in
  "AI", "IoT", "VR", "3D") are matched with their case: "AI" is not "ai", nor in "mail".
- **Inflection.** The last word of a Danish label is also searched inflected: -en, -et, -er,
  -erne, -e, -ene (-ne after -er) and the genitive -s, after dropping a final -e ("varmepumpe" →
  "varmepumpen", "varmepumperne") and with the final consonant doubled after a short vowel
  ("robot" → "robotter"). Other words of a Danish label also match with -e ("fysiske
  robotter", "virtuelle assistenter"), and a participle in -et with -ede ("teknologibaseret" →
  "teknologibaserede"). English labels also match with a plural -s. Irregular forms
  ("elcykler") come from hiddenLabels.
- **Words of a phrase** may be separated by spaces, line breaks or a hyphen, never by other
  punctuation: "Internet of things/big data" gives both concepts.
- **Compounds written as one word.** A word ending in a form of a one-word label of at least
  four letters counts ("plejerobotter" → robot), unless that label begins with "e" (-e, -el,
  -en, -er are frequent word endings: "modelbil" is no "elbil"). A word beginning with a
  one-word label of at least five letters, followed by at least three more letters, counts too
  ("solcelletag", "dronefotos", "robotdyr" → robot: a robot pet is a physical robot), unless
  the rest is a derivational suffix ("sensorisk" is no sensor) or names a person's post or a
  body ("digitaliseringsdirektør", "robotkoordinator", "digitaliseringsudvalget" name a person
  or a committee, not the technology). "app" (three letters) never counts inside a word. The
  mention is the whole word.
- **Coordination.** In "X og/eller Y Z", where "X Z" is a label and "Y Z" or "Y" another,
  both count: "et virtuelt eller augmented univers" → virtual reality ("virtuelt univers")
  and augmented reality ("augmented").
- **Proper names.** A mention of a label written in lower case in the scheme is skipped when
  it is capitalised although it does not start a sentence (a line, or after . ! ? :) and the
  next word on the line is capitalised too: the two are a name, as in "Chefkonsulent i
  Varmepumpeforum Vest" (an organisation, not a heat pump) or "Fjernvarme Fyn". At the start
  of a sentence capitals prove nothing, and such a name counts as a mention. A mention right
  after "udvalg(et) for" or "udvalg(et) om" is a committee's name ("Opgaveudvalget for
  digitalisering og teknologi"), not a subject of the text, and is skipped too.
- **Overlaps.** The longest mention wins; for equal spans an exact label beats a compound.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Final, TypeVar

from rdflib import RDF, SKOS, Graph, Literal, URIRef

from kg.extract.inflection import TOKEN, Key, is_abbreviation, joinable, label_key, norm, variants
from kg.parse.model import pickled_by_fields
from kg.resources import data_folder

SCHEME_FILE: Final = "concepts.ttl"
#: The scheme of known collaboration platforms: found by the list an item gives of them
#: (kg.extract.actors), not in running text, so they are no part of the matcher.
PLATFORMS: Final = "https://w3id.org/minutes-kg/concepts/platforms"

_NEXT_WORD: Final = re.compile(r"[ \t]+([^\W\d_])")
_CONJUNCTIONS: Final = frozenset({"og", "eller"})
_DERIVATIONS: Final = ("isk", "ik", "ist", "isme", "iser", "lig")
#: The rest of a compound that makes it a person's post or a body, not the technology.
_POSTS_AND_BODIES: Final = re.compile(
    r"(?:direktør|chef|konsulent|koordinator|medarbejder|udvalg|afdeling|styrelse|enhed)"
    r"(?:en|er|erne|et|s|ens|ernes|ets)?"
)
#: A committee's name: the words after it up to the mention are part of the name.
_COMMITTEE_NAME: Final = re.compile(r"udvalg(?:et)?[ \t]+(?:for|om)[ \t]+$", re.IGNORECASE)
_LEADING_MARKS: Final = " \t-–—•*·\"'“”„«»(["
_MIN_HEAD: Final = 4
_MIN_FIRST: Final = 5
_MIN_REST: Final = 3
#: How many words' compound senses a matcher keeps (`Matcher.known`), at most.
_KNOWN_WORDS: Final = 1 << 16
_KINDS: Final = {SKOS.prefLabel: "pref", SKOS.altLabel: "alt", SKOS.hiddenLabel: "hidden"}

_K = TypeVar("_K", str, Key)


@pickled_by_fields
@dataclass(frozen=True, slots=True, order=True)
class Label:
    """One label of a concept: its text, language tag and SKOS kind (pref, alt, hidden)."""

    text: str
    lang: str
    kind: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Concept:
    iri: str
    labels: tuple[Label, ...]
    definition: str
    broader: tuple[str, ...] = ()
    exact_match: tuple[str, ...] = ()

    def pref_label(self, lang: str = "da") -> str:
        """The preferred label in ``lang`` (the IRI when there is none)."""
        return next((x.text for x in self.labels if x.kind == "pref" and x.lang == lang), self.iri)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Sense:
    """What a compiled form stands for; ``common`` if its label is written in lower case."""

    concept: str
    common: bool


#: What `Matcher.known` gives for a word it does not hold yet.
_UNKNOWN: Final = Sense("", common=False)


@dataclass(frozen=True, slots=True)
class Matcher:
    """The labels compiled: word sequences, compound heads and compound first parts."""

    phrases: Mapping[Key, Sense]
    longest: int
    heads: Mapping[str, Sense]
    firsts: Mapping[str, Sense]
    #: The longest compound head and first part, in letters: a compound is only looked
    #: up in parts no longer (each part of a very long word made it quadratic).
    longest_head: int = 0
    longest_first: int = 0
    #: The words a phrase opens with, each with the most words of a phrase it opens: a
    #: text's other words are looked up no further.
    openers: Mapping[str, int] = field(default_factory=dict)
    #: The concept each word met so far names as a compound, or None (`compound_sense`):
    #: a corpus uses the same words again and again.
    known: dict[str, Sense | None] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Scheme:
    """The concepts of a file's schemes, compiled: ``iri`` is its main scheme (the one
    with most concepts: the technologies), ``member_of`` each concept's own scheme."""

    iri: str
    concepts: tuple[Concept, ...]
    matcher: Matcher
    member_of: Mapping[str, str] = field(default_factory=dict)

    def platform(self, name: str) -> Concept | None:
        """The known collaboration platform one of whose labels is ``name`` (any case)."""
        key = " ".join(name.split()).casefold()
        return next(
            (
                c
                for c in self.concepts
                if self.scheme_of(c.iri) == PLATFORMS
                and any(label.text.casefold() == key for label in c.labels)
            ),
            None,
        )

    def scheme_of(self, concept: str) -> str:
        """The scheme a concept is in (the methods are apart from the technologies)."""
        return self.member_of.get(concept, self.iri)

    def concept(self, iri: str) -> Concept:
        return next(c for c in self.concepts if c.iri == iri)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ConceptMatch:
    """A mention of ``concept`` (an IRI) at ``text[start:end]``, as written."""

    concept: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    sense: Sense
    rank: int  # 0 for a label, 1 for a compound


def load_scheme(path: Path) -> Scheme:
    """The concept schemes in the Turtle file ``path`` (at least one skos:ConceptScheme),
    matched as one: a concept is found whichever scheme it is in (but for the known
    collaboration platforms, `PLATFORMS`, which `Scheme.platform` looks up by name)."""
    graph = Graph().parse(path, format="turtle")
    schemes = sorted(str(s) for s in set(graph.subjects(RDF.type, SKOS.ConceptScheme)))
    if not schemes:
        raise ValueError(f"{path} must hold a skos:ConceptScheme, and holds none")
    member_of = {
        str(c): scheme for scheme in schemes for c in graph.subjects(SKOS.inScheme, URIRef(scheme))
    }
    main = max(schemes, key=lambda s: (sum(1 for v in member_of.values() if v == s), s))
    concepts = tuple(_read_concept(graph, URIRef(iri)) for iri in sorted(member_of))
    in_text = [c for c in concepts if member_of[c.iri] != PLATFORMS]
    return Scheme(main, concepts, compile_matcher(in_text), member_of)


def load_default_scheme() -> Scheme:
    """The project's technology scheme, ``kg/data/ontology/concepts.ttl``."""
    return load_scheme(data_folder("ontology") / SCHEME_FILE)


def _read_concept(graph: Graph, node: URIRef) -> Concept:
    labels = tuple(
        sorted(
            Label(str(value), value.language or "", kind)
            for predicate, kind in _KINDS.items()
            for value in graph.objects(node, predicate)
            if isinstance(value, Literal)
        )
    )
    definitions = {
        value.language: str(value)
        for value in graph.objects(node, SKOS.definition)
        if isinstance(value, Literal)
    }
    return Concept(
        iri=str(node),
        labels=labels,
        definition=definitions.get("en", next(iter(definitions.values()), "")),
        broader=tuple(sorted(str(o) for o in graph.objects(node, SKOS.broader))),
        exact_match=tuple(sorted(str(o) for o in graph.objects(node, SKOS.exactMatch))),
    )


def compile_matcher(concepts: Iterable[Concept]) -> Matcher:
    """Compile the labels; two concepts sharing a label is an error, and a generated form
    that two concepts share is dropped as ambiguous."""
    exact: dict[Key, Sense] = {}
    generated: dict[Key, set[Sense]] = {}
    heads: dict[str, set[Sense]] = {}
    firsts: dict[str, set[Sense]] = {}
    for concept in concepts:
        for label in concept.labels:
            key = label_key(label.text)
            sense = Sense(concept.iri, label.text[:1].islower())
            _add_exact(exact, key, sense, label.text)
            forms = variants(key, label.lang)
            for variant in forms:
                generated.setdefault(variant, set()).add(sense)
            if label.kind != "hidden" and len(key) == 1 and not is_abbreviation(key[0]):
                word = key[0]
                if len(word) >= _MIN_HEAD and not word.startswith("e"):
                    for variant in forms:
                        heads.setdefault(variant[0], set()).add(sense)
                if len(word) >= _MIN_FIRST:
                    firsts.setdefault(word, set()).add(sense)
    phrases = {**_unambiguous(generated), **exact}
    unambiguous_heads, unambiguous_firsts = _unambiguous(heads), _unambiguous(firsts)
    openers: dict[str, int] = {}
    for key in phrases:
        openers[key[0]] = max(openers.get(key[0], 0), len(key))
    return Matcher(
        phrases=MappingProxyType(phrases),
        longest=max((len(key) for key in phrases), default=0),
        heads=MappingProxyType(unambiguous_heads),
        firsts=MappingProxyType(unambiguous_firsts),
        longest_head=max(map(len, unambiguous_heads), default=0),
        longest_first=max(map(len, unambiguous_firsts), default=0),
        openers=MappingProxyType(openers),
    )


def _add_exact(exact: dict[Key, Sense], key: Key, sense: Sense, text: str) -> None:
    known = exact.get(key)
    if known is not None and known.concept != sense.concept:
        raise ValueError(f"the label {text!r} belongs to {known.concept} and {sense.concept}")
    exact[key] = sense if known is None else Sense(sense.concept, known.common and sense.common)


def _unambiguous(forms: Mapping[_K, set[Sense]]) -> dict[_K, Sense]:
    """The forms that name one concept; lower case (common) only if every label is."""
    return {
        key: Sense(next(iter(senses)).concept, all(s.common for s in senses))
        for key, senses in forms.items()
        if len({s.concept for s in senses}) == 1
    }


def find_concepts(text: str, scheme: Scheme) -> list[ConceptMatch]:
    """The mentions of the scheme's concepts in ``text``: sorted, non-overlapping."""
    tokens = list(TOKEN.finditer(text))
    keys = [norm(t.group()) for t in tokens]
    joins = list(map(joinable, TOKEN.split(text)[1:-1]))  # what stands between each two
    matcher = scheme.matcher
    candidates = [
        *_phrase_candidates(tokens, keys, joins, matcher),
        *_compound_candidates(tokens, keys, matcher),
    ]
    kept = [c for c in candidates if not _in_proper_name(text, c)]
    return [
        ConceptMatch(c.sense.concept, c.start, c.end, text[c.start : c.end])
        for c in _longest_first(kept)
    ]


def _phrase_candidates(
    tokens: list[re.Match[str]], keys: list[str], joins: list[bool], matcher: Matcher
) -> Iterator[_Candidate]:
    for i in range(len(tokens)):
        for n in range(min(matcher.openers.get(keys[i], 0), len(tokens) - i), 0, -1):
            sense = matcher.phrases.get(tuple(keys[i : i + n]))
            if sense is not None and all(joins[i : i + n - 1]):
                yield _Candidate(tokens[i].start(), tokens[i + n - 1].end(), sense, 0)
                yield from _coordinated(tokens, keys, joins, i, n, matcher)
                break


def _coordinated(
    tokens: list[re.Match[str]], keys: list[str], joins: list[bool], i: int, n: int, m: Matcher
) -> Iterator[_Candidate]:
    """X in "X og/eller Y Z" when "X Z" is a label, and "Y Z" (tokens i..i+n-1) or "Y"
    (token i alone, then Z the words after it) another."""
    if i < 2 or keys[i - 1] not in _CONJUNCTIONS or not (joins[i - 2] and joins[i - 1]):
        return
    tails = [keys[i + 1 : i + n]] if n >= 2 else []
    if n == 1:  # "Y" alone is the label: Z is one or more of the words that follow
        ends = range(i + 2, min(len(keys), i + m.longest) + 1)
        tails = [keys[i + 1 : end] for end in ends if all(joins[i : end - 1])]
    for tail in tails:
        sense = m.phrases.get((keys[i - 2], *tail))
        if sense is not None:
            yield _Candidate(tokens[i - 2].start(), tokens[i - 2].end(), sense, 0)
            return


def _compound_candidates(
    tokens: list[re.Match[str]], keys: list[str], matcher: Matcher
) -> Iterator[_Candidate]:
    known = matcher.known
    for token, key in zip(tokens, keys, strict=True):
        sense = known.get(key, _UNKNOWN)
        if sense is _UNKNOWN:
            sense = None if is_abbreviation(key) else _compound_sense(key, matcher)
            if len(known) >= _KNOWN_WORDS:
                known.clear()
            known[key] = sense
        if sense is not None:
            yield _Candidate(token.start(), token.end(), sense, 1)


def _compound_sense(word: str, matcher: Matcher) -> Sense | None:
    """The concept of the longest label that ends or begins the one-word compound ``word``."""
    head = next(
        (
            (len(word) - i, matcher.heads[word[i:]])
            for i in range(max(2, len(word) - matcher.longest_head), len(word))
            if word[i:] in matcher.heads
        ),
        None,
    )
    first = next(
        (
            (i, matcher.firsts[word[:i]])
            for i in range(min(len(word) - _MIN_REST, matcher.longest_first), _MIN_FIRST - 1, -1)
            if word[:i] in matcher.firsts and not _derived_or_post(word[i:])
        ),
        None,
    )
    parts = [part for part in (head, first) if part is not None]
    return max(parts, key=lambda part: part[0])[1] if parts else None


def _derived_or_post(rest: str) -> bool:
    """Whether ``rest``, after a label at a word's start, makes the word no mention of it."""
    return rest.startswith(_DERIVATIONS) or _POSTS_AND_BODIES.search(rest) is not None


def _in_proper_name(text: str, candidate: _Candidate) -> bool:
    """Whether the mention is part of a name (see the module docstring)."""
    if _COMMITTEE_NAME.search(text, max(0, candidate.start - 40), candidate.start):
        return True
    if not candidate.sense.common or not text[candidate.start].isupper():
        return False
    following = _NEXT_WORD.match(text, candidate.end)
    if following is None or not following.group(1).isupper():
        return False
    return not _starts_sentence(text, candidate.start)


def _starts_sentence(text: str, start: int) -> bool:
    """Whether only marks stand between ``start`` and a line start or a sentence's end
    (looking back over those marks only, not the whole line: a long line is common)."""
    i = start
    while i > 0 and text[i - 1] in _LEADING_MARKS:
        i -= 1
    return i == 0 or text[i - 1] in "\n.!?:"


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.rank, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)
