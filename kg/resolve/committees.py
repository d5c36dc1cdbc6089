"""Committees and the municipalities they belong to.

A committee is its municipality's: two municipalities' "Økonomiudvalget" are two
committees, with two ids (``gentofte-oekonomiudvalget``, ``greve-oekonomiudvalget``). A
document's municipality is the one it names or its metadata gives; a document that names
none takes the municipality of the other documents of its committee, where they agree
on one; else its committee has no municipality and an id without one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from kg.extract.model import Mentions
from kg.iri import slugify
from kg.language import language
from kg.resolve.entities import group
from kg.resolve.model import Entity, Municipality
from kg.resolve.names import committee_key


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
    #: Document name to the committee names its texts write ("innovationsudvalget"), to
    #: the slug of the committee each is a spelling of.
    text_names: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Committee slug to the ids its other spellings would have: kept as ``owl:sameAs``,
    #: so that an id minted from another spelling keeps resolving.
    retired: dict[str, tuple[str, ...]] = field(default_factory=dict)

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
    spoken: dict[str, str] = {}  # the language of the first document naming a municipality
    for m in corpus:
        spoken.setdefault(muni_of_doc[m.doc.source.name], m.doc.language)
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
            coded = codes.get(muni)
            tongue = "da" if coded else spoken.get(muni, "da")
            code, official = coded or (None, language(tongue).official_name(muni))
            municipality = Municipality(slugify(muni), muni, code, official, tongue)
            municipalities[municipality.slug] = municipality
            municipality_of[slug] = municipality.slug
    text_names = _text_spellings(corpus, muni_of_doc, entities)
    for doc_names in text_names.values():
        for spelling, (muni, ckey) in doc_names.items():
            entity = entities[(muni, ckey)]
            if spelling.casefold() != entity.label.casefold() and spelling not in entity.alt_labels:
                entities[(muni, ckey)] = replace(
                    entity, alt_labels=tuple(sorted({*entity.alt_labels, spelling}))
                )
    retired = {}
    for (muni, _), entity in entities.items():
        spellings = {entity.label, *entity.alt_labels}
        ids = {slugify(f"{muni} {s}") if muni else slugify(s) for s in spellings}
        others = tuple(sorted(ids - taken))
        if others:
            retired[entity.slug] = others
    by_doc = {
        doc: {spelling: entities[key].slug for spelling, key in names.items()}
        for doc, names in text_names.items()
    }
    return Committees(entities, muni_of_doc, municipality_of, municipalities, by_doc, retired)


def _text_spellings(
    corpus: Sequence[Mentions],
    muni_of_doc: dict[str, str],
    entities: dict[tuple[str, str], Entity],
) -> dict[str, dict[str, tuple[str, str]]]:
    """For each document, the names of its municipality's committees its item titles and
    texts write, each to its committee's key: the spellings a search should find."""
    keys: dict[str, list[str]] = defaultdict(list)
    for muni, ckey in entities:
        keys[muni].append(ckey)
    sieves = {muni: _Sieve(ckeys) for muni, ckeys in keys.items()}
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for m in corpus:
        muni = muni_of_doc.get(m.doc.source.name, "")
        names: dict[str, tuple[str, str]] = {}
        # one search a pattern over all texts: no match runs across the NUL between two
        text = "\x00".join(_texts(m))
        sieve = sieves.get(muni)
        for written, ckey in sieve.find(text) if sieve else ():
            spelling = " ".join(written.split())
            if committee_key(spelling) == ckey:
                names[spelling] = (muni, ckey)
        if names:
            found[m.doc.source.name] = names
    return found


#: Letters whose case-blind matches (``re.IGNORECASE``) are exactly those of ``str.lower``.
_PLAIN = re.compile(r"[\x00-\x7fæøåÆØÅ]*")
#: The characters that case-blind matching (``re.IGNORECASE``) takes for a letter of ASCII
#: or æ/ø/å while ``str.lower`` does not make them that letter, or makes them two
#: characters: dotted and dotless i, and the long s. With none of them in a text, a
#: pattern of those letters in lower case matches the text lowered where it matches the
#: text case-blind (tests/unit/test_resolve_sieve.py checks every character).
CASE_CROSSING = "\u0130\u0131\u017f"
_CROSSING = re.compile(f"[{CASE_CROSSING}]")
_WORD = re.compile(r"\w+")
#: The words of a committee's name the sieve looks for are this long at least ("og" is
#: in too many texts to tell anything), and are looked up by their first this many letters.
_START = 4


class _Sieve:
    """The name patterns of one municipality's committees, and which of them a text may
    match: searching every pattern in every document made resolving grow with the
    documents times the committees (both grow with a corpus).

    Each word of a committee's name (but "om", and an "udvalg" that may follow "Opgave")
    starts a word of any text the pattern matches, so a pattern is searched only in a
    text where a word starts with each of them. The sieve only leaves out searches that
    cannot match: a text that holds one of the few characters case-blind matching takes
    for a letter of ASCII or æ/ø/å while ``str.lower`` does not (`CASE_CROSSING`), or a
    name's word with letters beyond those, is searched as before."""

    def __init__(self, ckeys: list[str]) -> None:
        self._all = [(_name_pattern(ckey), ckey) for ckey in ckeys]
        #: The same patterns for a text lowered (`find`), of the names in ASCII and æ/ø/å:
        #: without the look-behind that kept the regex engine from searching for their
        #: first letters.
        self._lowered = [
            re.compile(_spellings(ckey)) if _PLAIN.fullmatch(ckey) else None for ckey in ckeys
        ]
        self._always: list[int] = []  # patterns with no word to sieve by
        self._needs: list[frozenset[str]] = []
        # each pattern under one of its words (the longest, as the rarest likely)
        self._by_word: dict[str, list[int]] = defaultdict(list)
        self._by_start: dict[str, set[str]] = defaultdict(set)
        for index, ckey in enumerate(ckeys):
            needs = _starting_words(ckey)
            self._needs.append(needs)
            if not needs:
                self._always.append(index)
                continue
            self._by_word[min(needs, key=lambda w: (-len(w), w))].append(index)
            for word in needs:
                self._by_start[word[:_START]].add(word)

    def find(self, text: str) -> Iterator[tuple[str, str]]:
        """Each match of a committee's name in ``text``, as written, with the committee's
        key: the patterns in the order of their keys, each one's matches in the text's.

        Without a `CASE_CROSSING` character, the text lowered is as long as the text, and
        a pattern of lower-case letters of ASCII and æ/ø/å matches it where the case-blind
        pattern matches the text: so the lowered text is searched, with the sieved
        patterns, each for its first letters (a match that follows a letter is passed
        over, as the case-blind pattern's look-behind does)."""
        lowered, chosen = self._candidates(text)
        for i in chosen:
            (blind, ckey), pattern = self._all[i], self._lowered[i]
            if lowered is None or pattern is None:  # searched case-blind, as written
                yield from ((match[0], ckey) for match in blind.finditer(text))
                continue
            at = 0
            while (match := pattern.search(lowered, at)) is not None:
                start, end = match.span()
                if start and _WORD.match(lowered, start - 1):
                    at = start + 1  # inside a word: the case-blind pattern's look-behind
                    continue
                yield text[start:end], ckey
                at = end if end > start else start + 1

    def may_match(self, text: str) -> list[str]:
        """The keys of the names ``text`` may hold, in order (every key, for a text with
        a `CASE_CROSSING` character)."""
        return [self._all[i][1] for i in self._candidates(text)[1]]

    def _candidates(self, text: str) -> tuple[str | None, list[int]]:
        """``text`` lowered (None when it holds a `CASE_CROSSING` character: it is then
        searched as written), and the patterns that may match it."""
        if _CROSSING.search(text):
            return None, list(range(len(self._all)))
        lowered = text.lower()
        return lowered, self._chosen(lowered)

    def _chosen(self, lowered: str) -> list[int]:
        """The patterns that may match the text ``lowered``, in the order of their keys."""
        present = {
            word
            for token in set(_WORD.findall(lowered))
            for word in self._by_start.get(token[:_START], ())
            if token.startswith(word)
        }
        chosen = set(self._always)
        for word in present:
            chosen.update(i for i in self._by_word.get(word, ()) if self._needs[i] <= present)
        return sorted(chosen)


def _starting_words(ckey: str) -> frozenset[str]:
    """The words of ``ckey`` that start a word of every text `_name_pattern` matches."""
    words = ckey.split()
    return frozenset(
        word
        for position, word in enumerate(words)
        if word != "om"
        and not (position == 0 and word == "udvalg")
        and len(word) >= _START
        and _PLAIN.fullmatch(word)
        and _WORD.fullmatch(word)
        and word == word.lower()
    )


def _texts(mentions: Mentions) -> Iterator[str]:
    for item in mentions.doc.items:
        if item.title is not None:
            yield item.title.value
        for section in item.sections:
            yield section.text.value
        for attachment in item.attachments:
            yield attachment.title.value


_NOUN = re.compile(r"(udvalg|råd|bestyrelse|forum|nævn)$")


def _name_pattern(ckey: str) -> re.Pattern[str]:
    """A pattern of the spellings of the committee with key ``ckey``: definite or not,
    "om" or "for", with or without "Opgave-", and "Xsudvalg" for "udvalg om X"."""
    return re.compile(rf"(?<!\w){_spellings(ckey)}", re.IGNORECASE)


def _spellings(ckey: str) -> str:
    """The pattern of `_name_pattern` in lower case, without its look-behind."""
    words = ckey.split()
    parts = [re.escape(w) + (r"(?:et|en)?" if _NOUN.search(w) else "") for w in words]
    if words and words[0] == "udvalg":
        parts[0] = r"(?:opgave)?" + parts[0]
    parts = [r"(?:om|for)" if w == "om" else p for w, p in zip(words, parts, strict=True)]
    alternatives = [r"[-–]?\s+".join(parts)]
    if len(words) == 3 and words[:2] == ["udvalg", "om"]:
        alternatives.append(re.escape(words[2]) + r"sudvalg(?:et)?")
    return rf"(?:{'|'.join(alternatives)})(?!\w)"


def _named(mentions: Mentions, default: str | None) -> str:
    doc = mentions.doc
    return doc.municipality.value if doc.municipality is not None else (default or "")


def _key(qualified: str, separator: str) -> str:
    muni, _, name = qualified.partition(separator)
    return f"{muni}{separator}{committee_key(name)}"
