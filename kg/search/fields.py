"""What is searched: the properties whose literals the index holds, with their weights,
and what a graph's searchable statements are."""

from __future__ import annotations

import hashlib
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


def digest(lines: Iterable[str]) -> str:
    """The digest of a set of N-Triples lines, whatever their order."""
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:32]
