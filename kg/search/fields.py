"""What is searched: the properties whose literals the index holds, with their weights,
and what a graph's searchable statements are."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

import pyoxigraph as ox

from kg.vocab import DCT, FOAF, MKG, PROV, RDFS, SKOS


class Field(Enum):
    """A searched property: its IRI, its name in the index, and its tier in the ranking
    (a match in a lower tier outranks any in a higher: a name before a title, a title
    before a section's text)."""

    LABEL = (RDFS.label, "label", 0)
    NAME = (FOAF.name, "name", 0)
    ALT_LABEL = (SKOS.altLabel, "altlabel", 1)
    TITLE = (DCT.title, "title", 1)
    PLACE = (PROV.atLocation, "place", 2)
    SUMMARY = (MKG.summary, "summary", 3)
    BACKGROUND = (MKG.background, "background", 3)
    RECOMMENDATION = (MKG.recommendation, "recommendation", 3)
    PRIOR_DECISIONS = (MKG.priorDecisions, "priordecisions", 3)
    DECISION = (MKG.decision, "decision", 3)

    def __init__(self, iri: str, key: str, tier: int) -> None:
        self.iri = iri
        self.key = key
        self.tier = tier

    @classmethod
    def of(cls, iri: str) -> Field | None:
        return _BY_IRI.get(iri)

    @classmethod
    def keyed(cls, key: str) -> Field | None:
        return _BY_KEY.get(key)

    @property
    def names(self) -> bool:
        """A field that names its resource (the hit's label)."""
        return self in (Field.LABEL, Field.NAME)


_BY_IRI = {f.iri: f for f in Field}
_BY_KEY = {f.key: f for f in Field}
#: The predicates of a graph's searchable statements.
PREDICATES = tuple(_BY_IRI)


@dataclass(frozen=True)
class Text:
    """One searchable text: a literal of a named resource in one field."""

    iri: str
    field: Field
    lang: str
    text: str


@dataclass(frozen=True)
class Searchable:
    """What a graph gives the index: its texts, and their digest (the version of the
    graph the index holds)."""

    texts: tuple[Text, ...]
    digest: str

    @classmethod
    def of(cls, triples: Iterable[tuple[object, object, object]]) -> Searchable:
        """The searchable statements among ``triples`` (subject, predicate, object terms;
        any others are passed over)."""
        texts: dict[Text, None] = {}
        lines: set[str] = set()
        for s, p, o in triples:
            if (
                isinstance(s, ox.NamedNode)
                and isinstance(p, ox.NamedNode)
                and isinstance(o, ox.Literal)
                and (field := Field.of(p.value)) is not None
            ):
                texts[Text(s.value, field, o.language or "", o.value)] = None
                lines.add(f"{s} {p} {o}")
        return cls(tuple(texts), digest(lines))


#: A searchable predicate in a line of N-Quads (the words " <p> " may also stand in a
#: literal: `Searchable.of` reads the parsed predicate).
_SEARCHABLE = re.compile(rb" <(?:" + b"|".join(re.escape(p.encode()) for p in PREDICATES) + rb")> ")


def searchable_lines(nquads: bytes) -> list[bytes]:
    """The lines of ``nquads`` that may state a searchable text: every one that does.

    >>> searchable_lines(b'<a:x> <http://www.w3.org/2000/01/rdf-schema#label> "x" <g:1> .\\n'
    ...                  b'<a:x> <a:p> "y" <g:1> .\\n')
    [b'<a:x> <http://www.w3.org/2000/01/rdf-schema#label> "x" <g:1> .']
    """
    found: list[bytes] = []
    last = -1
    for match in _SEARCHABLE.finditer(nquads):  # a search for the predicates, then their lines
        start = nquads.rfind(b"\n", 0, match.start()) + 1
        if start == last:
            continue
        end = nquads.find(b"\n", match.end())
        found.append(nquads[start : end if end >= 0 else len(nquads)])
        last = start
    return found


def digest(lines: Iterable[str]) -> str:
    """The digest of a set of N-Triples lines, whatever their order."""
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:32]
