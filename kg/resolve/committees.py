"""Committees and the municipalities they belong to.

A committee is its municipality's: two municipalities' "Økonomiudvalget" are two
committees, with two ids (``gentofte-oekonomiudvalget``, ``greve-oekonomiudvalget``). A
document's municipality is the one it names or its metadata gives; a document that names
none takes the municipality of the other documents of its committee, where they agree
on one; else its committee has no municipality and an id without one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.model import Mentions
from kg.resolve.entities import group
from kg.resolve.model import Entity, Municipality
from kg.resolve.names import committee_key, slugify


@dataclass(frozen=True)
class Committees:
    """The committees of a corpus, each in its municipality."""

    #: (municipality name or "", committee key) to the committee.
    entities: dict[tuple[str, str], Entity]
    #: Document name to its municipality's name ("" where none is known).
    municipality_of_doc: dict[str, str]
    #: Committee slug to its municipality's slug.
    municipality_of: dict[str, str]
    municipalities: dict[str, Municipality]

    def of(self, document: str, name: str) -> Entity:
        """The committee a document means by ``name``."""
        return self.entities[(self.municipality_of_doc.get(document, ""), committee_key(name))]

    def by_slug(self) -> dict[str, Entity]:
        return {e.slug: e for e in self.entities.values()}


def committee_entities(
    corpus: Sequence[Mentions],
    codes: dict[str, tuple[str, str]],
    default: str | None = None,
) -> Committees:
    """Group the corpus's committee names by municipality and name; ``codes`` gives the
    official code and name of each municipality the language knows, ``default`` the
    municipality of documents that name none (a build's ``--municipality``)."""
    own = {m.doc.source.name: _named(m, default) for m in corpus}
    by_committee: dict[str, set[str]] = defaultdict(set)
    for m in corpus:
        if m.doc.committee is not None and own[m.doc.source.name]:
            by_committee[committee_key(m.doc.committee.value)].add(own[m.doc.source.name])
    muni_of_doc = {}
    for m in corpus:
        name = own[m.doc.source.name]
        if not name and m.doc.committee is not None:
            known = by_committee.get(committee_key(m.doc.committee.value), set())
            name = next(iter(known)) if len(known) == 1 else ""
        muni_of_doc[m.doc.source.name] = name
    names: list[tuple[str, str]] = []
    preferred: list[tuple[str, str]] = []
    for m in corpus:
        muni = muni_of_doc[m.doc.source.name]
        preferred += [(muni, c.value) for c in m.committees]
        names += [(muni, o.name.value) for o in m.organisations if o.is_committee]
    names += preferred
    separator = "\u241f"  # a character no name holds, to carry the municipality along
    grouped = group(
        [f"{muni}{separator}{name}" for muni, name in names],
        lambda qualified: _key(qualified, separator),
        preferred=[f"{muni}{separator}{name}" for muni, name in preferred],
    )
    entities: dict[tuple[str, str], Entity] = {}
    municipality_of: dict[str, str] = {}
    municipalities: dict[str, Municipality] = {}
    taken: set[str] = set()
    for key in sorted(grouped):
        muni, _, ckey = key.partition(separator)
        entity = grouped[key]
        label = entity.label.partition(separator)[2]
        alts = tuple(sorted({a.partition(separator)[2] for a in entity.alt_labels} - {label}))
        slug = slugify(f"{muni} {label}") if muni else slugify(label)
        base, n = slug, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        entities[(muni, ckey)] = Entity(slug, label, alts)
        if muni:
            code, official = codes.get(muni, (None, f"{muni} Kommune"))
            municipality = Municipality(slugify(muni), muni, code, official)
            municipalities[municipality.slug] = municipality
            municipality_of[slug] = municipality.slug
    return Committees(entities, muni_of_doc, municipality_of, municipalities)


def _named(mentions: Mentions, default: str | None) -> str:
    doc = mentions.doc
    return doc.municipality.value if doc.municipality is not None else (default or "")


def _key(qualified: str, separator: str) -> str:
    muni, _, name = qualified.partition(separator)
    return f"{muni}{separator}{committee_key(name)}"
