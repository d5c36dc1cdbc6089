"""Placing documents: which meeting each describes, and which item each of its items is.

The agenda and the minutes of one meeting describe one meeting and one set of items. A
document with a title line and a meeting time places itself; an agenda extract without them
is placed through its items, matched by case id or, failing that, by the words of its text.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from kg.extract.model import Mentions
from kg.iri import slugify
from kg.language import language
from kg.parse.model import AgendaItem, DocKind
from kg.resolve.committees import Committees
from kg.resolve.model import ItemRef, MeetingRef
from kg.resolve.names import similarity


@dataclass(frozen=True)
class _Known:
    """An item of a document that placed itself, as a target for matching."""

    doc: str
    kind: DocKind
    meeting: MeetingRef
    item: AgendaItem
    number: int


@dataclass(frozen=True)
class KnownItems:
    """The known items in matching order (minutes first), indexed so that matching an
    item looks only at those it may match, never at every item of the corpus.

    Items' words are hashed as matches compare them, and kept only while one meeting's
    documents are placed (`place_all`); the index of words is made when an item is first
    looked for outside a meeting (`near`), of positions alone. Hashed for every item at
    the start and kept to the end, the words held some 190 kB a meeting of real text, as
    much as the documents themselves."""

    items: tuple[_Known, ...]
    by_meeting: dict[str, list[int]] = field(default_factory=dict)
    by_case: dict[str, list[int]] = field(default_factory=dict)
    #: Each word's known items (positions), once `near` has needed it (`_word_index`).
    by_word: dict[str, array[int]] = field(default_factory=dict)
    #: The position of each known item, by the item object's id.
    position_of: dict[int, int] = field(default_factory=dict)
    #: The words of the known items hashed since `forget`, by position: a meeting's items
    #: are compared with each other's, each hashed once.
    words_at: dict[int, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, items: Iterable[_Known]) -> KnownItems:
        index = cls(tuple(items))
        for position, known in enumerate(index.items):
            index.position_of[id(known.item)] = position
            index.by_meeting.setdefault(known.meeting.slug, []).append(position)
            if known.item.case_id:
                index.by_case.setdefault(known.item.case_id.value, []).append(position)
        return index

    def words(self, item: AgendaItem) -> frozenset[str]:
        """`item_words` of ``item``, kept until `forget` if it is a known item."""
        position = self.position_of.get(id(item))
        if position is None:
            return item_words(item)
        found = self.words_at.get(position)
        if found is None:
            found = self.words_at[position] = item_words(item)
        return found

    def forget(self) -> None:
        """Let go of the words hashed so far (the index of words stays)."""
        self.words_at.clear()

    def _word_index(self) -> dict[str, array[int]]:
        """Each word's known items, made on first use."""
        if not self.by_word and self.items:
            lists: dict[str, list[int]] = {}
            for position, known in enumerate(self.items):
                for word in item_words(known.item):
                    lists.setdefault(word, []).append(position)
            self.by_word.update((w, array("I", p)) for w, p in lists.items())
        return self.by_word

    def _at(self, positions: Iterable[int], exclude_doc: str) -> list[_Known]:
        return [k for k in (self.items[p] for p in positions) if k.doc != exclude_doc]

    def of_meeting(self, slug: str, exclude_doc: str) -> list[_Known]:
        """The items of one meeting, but those of ``exclude_doc``."""
        return self._at(self.by_meeting.get(slug, ()), exclude_doc)

    def of_case(self, case_id: str, exclude_doc: str) -> list[_Known]:
        """The items with this case id, but those of ``exclude_doc``."""
        return self._at(self.by_case.get(case_id, ()), exclude_doc)

    def near(self, words: frozenset[str], threshold: float, exclude_doc: str) -> list[_Known]:
        """Every item whose words may be ``threshold`` similar to ``words`` (and more).

        Jaccard similarity t needs at least t·|words| shared words, so an item that
        shares none of any |words| - ⌈t·|words|⌉ + 1 of them is too far: looking up the
        rarest that many words finds every candidate (prefix filtering)."""
        if threshold <= 0:
            return self._at(range(len(self.items)), exclude_doc)
        need = max(1, math.ceil(threshold * len(words) - 1e-9))
        by_word = self._word_index()
        rarest = sorted(words, key=lambda w: (len(by_word.get(w, ())), w))
        lookup = rarest[: len(words) - need + 1]
        positions = {p for w in lookup for p in by_word.get(w, ())}
        return self._at(sorted(positions), exclude_doc)


def item_words(item: AgendaItem) -> frozenset[str]:
    """The words of an item's title and sections (hashed), for matching by content."""
    return item.words()


def own_meeting(mentions: Mentions, committees: Committees) -> MeetingRef | None:
    """The meeting a document names in its own header, if it names its committee: on
    its date where it gives one, else a meeting of that committee known only from this
    document (its id carries the document's, so that it joins no other)."""
    doc = mentions.doc
    if doc.committee is None:
        return None
    committee = committees.of(doc.source.name, doc.committee.value)
    start = doc.start.value if doc.start else None
    day = start.date() if start else (doc.day.value if doc.day else None)
    if day is None:
        return MeetingRef(
            slug=f"{committee.slug}-{doc.source.sha256[:8]}",
            committee=committee.slug,
            start=None,
            label=f"{committee.label}, {_undated(doc.language)} ({doc.source.name})",
        )
    return MeetingRef(
        slug=f"{committee.slug}-{day.isoformat()}",
        committee=committee.slug,
        start=start,
        label=f"{committee.label}, {day_label(day, doc.language)}",
        day=day,
    )


def day_label(day: date, code: str) -> str:
    """A date as the document's language writes it ("26. september 2017")."""
    months = [names[0] for names in _month_names(code)]
    if code == "en":
        return f"{day.day} {months[day.month - 1].capitalize()} {day.year}"
    return f"{day.day}. {months[day.month - 1]} {day.year}"


def _month_names(code: str) -> list[list[str]]:
    """Each month's names in the language's table, its own full name first."""
    by_number: dict[int, list[str]] = defaultdict(list)
    for name, number in language(code).months.items():
        by_number[number].append(name)
    return [by_number[n] for n in range(1, 13)]


def _undated(code: str) -> str:
    return "undated meeting" if code == "en" else "møde uden dato"


def known_items(placed: Sequence[tuple[Mentions, MeetingRef]]) -> KnownItems:
    """The numbered items of the documents that placed themselves."""
    known = []
    for mentions, meeting in placed:
        for item in mentions.doc.items:
            if item.number is not None:
                known.append(
                    _Known(
                        doc=mentions.doc.source.name,
                        kind=mentions.doc.kind,
                        meeting=meeting,
                        item=item,
                        number=item.number.value,
                    )
                )
    # Minutes first: they are the record, an agenda only the plan.
    known.sort(key=lambda k: (k.kind is not DocKind.MINUTES, k.doc, k.number))
    return KnownItems.of(known)


def match_item(
    item: AgendaItem,
    meeting: MeetingRef | None,
    known: KnownItems,
    *,
    exclude_doc: str,
    threshold: float,
) -> tuple[_Known, str] | None:
    """The known item that ``item`` is, with the evidence, or None: within ``meeting``
    when it is given, else among all known items."""
    if meeting is not None:
        candidates = known.of_meeting(meeting.slug, exclude_doc)
        if not candidates:  # no other document of the meeting: its words are not needed
            return None
        mine = known.words(item)
    else:
        mine = known.words(item)
        candidates = known.near(mine, threshold, exclude_doc)  # all that may pass below
    if item.case_id is not None:
        if meeting is not None:
            same_case = [
                k
                for k in candidates
                if k.item.case_id and k.item.case_id.value == item.case_id.value
            ]
        else:
            same_case = known.of_case(item.case_id.value, exclude_doc)
        if same_case:
            best = max(same_case, key=lambda k: similarity(mine, known.words(k.item)))
            return best, f"same case id {item.case_id.value}"
    title = _fold_title(item)
    if meeting is not None and title:
        same_title = [k for k in candidates if _fold_title(k.item) == title]
        if same_title:
            return same_title[0], "same meeting and title"
    scored = [(similarity(mine, known.words(k.item)), k) for k in candidates]
    scored = [(score, k) for score, k in scored if score >= threshold]
    if scored:
        score, best = max(scored, key=lambda pair: (pair[0], -pair[1].number))
        return best, f"text similarity {score:.2f} (threshold {threshold:.2f})"
    if meeting is not None and item.number is not None and not title:
        same_number = [k for k in candidates if k.number == item.number.value]
        if same_number:
            return same_number[0], f"same meeting and item number {item.number.value}"
    return None


def _fold_title(item: AgendaItem) -> str:
    return " ".join(item.title.value.casefold().split()) if item.title else ""


def place_all(
    docs: Sequence[tuple[Mentions, MeetingRef | None]], known: KnownItems, threshold: float
) -> list[tuple[Mentions, MeetingRef | None, tuple[ItemRef | None, ...]]]:
    """`place_items` of each document, in the order given. The documents of one meeting
    are placed one after the other, and the words hashed for them are let go before the
    next meeting's (each document that names no meeting alone, after them all): what
    each placing finds does not depend on the order."""
    placed: list[tuple[Mentions, MeetingRef | None, tuple[ItemRef | None, ...]] | None]
    placed = [None] * len(docs)
    scopes = [meeting.slug if meeting is not None else i for i, (_, meeting) in enumerate(docs)]
    order = sorted(range(len(docs)), key=lambda i: (isinstance(scopes[i], int), str(scopes[i]), i))
    current: str | int | None = None
    for i in order:
        mentions, meeting = docs[i]
        scope = scopes[i]
        if scope != current:
            known.forget()
            current = scope
        placed[i] = (mentions, *place_items(mentions, meeting, known, threshold))
    known.forget()
    return [p for p in placed if p is not None]


def place_items(
    mentions: Mentions,
    meeting: MeetingRef | None,
    known: KnownItems,
    threshold: float,
) -> tuple[MeetingRef | None, tuple[ItemRef | None, ...]]:
    """The meeting of a document and an `ItemRef` for each of its items (None: unplaced).

    A document that does not name its meeting is placed where its items point: each item
    votes for the meetings it matches, a vote shared among them when it matches several
    (a case on many meetings' agendas); then its items are matched within that meeting.
    """
    name = mentions.doc.source.name
    if meeting is None:
        meeting = _vote(mentions, known, threshold)
        if meeting is None:
            return None, tuple(None for _ in mentions.doc.items)
    # The minutes are the record: an agenda item that is none of theirs yields its number.
    taken = (
        {k.number for k in known.of_meeting(meeting.slug, name) if k.kind is DocKind.MINUTES}
        if mentions.doc.kind is DocKind.AGENDA
        else set()
    )
    refs = []
    for item in mentions.doc.items:
        match = match_item(item, meeting, known, exclude_doc=name, threshold=threshold)
        refs.append(_item_ref(item, meeting, match, mentions.doc.kind, taken))
    return meeting, tuple(refs)


def _vote(mentions: Mentions, known: KnownItems, threshold: float) -> MeetingRef | None:
    name = mentions.doc.source.name
    votes: dict[str, float] = defaultdict(float)
    targets: dict[str, _Known] = {}
    for item in mentions.doc.items:
        meetings: dict[str, _Known] = {}
        for candidate in _candidates(item, known, name, threshold):
            meetings.setdefault(candidate.meeting.slug, candidate)
        for slug, candidate in meetings.items():
            votes[slug] += 1.0 / len(meetings)
            targets.setdefault(slug, candidate)
    if not votes:
        return None
    slug = min(votes, key=lambda s: (-votes[s], s))
    target = targets[slug]
    return MeetingRef(
        slug=target.meeting.slug,
        committee=target.meeting.committee,
        start=target.meeting.start,
        label=target.meeting.label,
        day=target.meeting.day,
        resolved_from=target.doc,
    )


def _candidates(
    item: AgendaItem, known: KnownItems, exclude_doc: str, threshold: float
) -> list[_Known]:
    """The known items ``item`` may be: all with its case id, else the best by text."""
    if item.case_id is not None:
        same = known.of_case(item.case_id.value, exclude_doc)
        if same:
            return same
    match = match_item(item, None, known, exclude_doc=exclude_doc, threshold=threshold)
    return [match[0]] if match else []


def _item_ref(
    item: AgendaItem,
    meeting: MeetingRef,
    match: tuple[_Known, str] | None,
    kind: DocKind,
    taken: set[int],
) -> ItemRef | None:
    target = match[0] if match and match[0].meeting.slug == meeting.slug else None
    if item.number is not None and item.title is not None:
        # the minutes' number wins: an agenda may number its items otherwise
        defer = target is not None and kind is DocKind.AGENDA and target.kind is DocKind.MINUTES
        number = target.number if target is not None and defer else item.number.value
        slug = f"{meeting.slug}-{number}"
        if target is None and number in taken:
            # another document's item has this number: this one is not it
            slug = f"{slug}-{slugify(item.title.value)[:40].strip('-')}"
        return ItemRef(
            slug=slug,
            number=number,
            public=_public(item, target),
            title=item.title.value,
            evidence=match[1] if match else "",
        )
    if target is None:
        return None
    known = target.item
    assert known.title is not None
    return ItemRef(
        slug=f"{meeting.slug}-{target.number}",
        number=target.number,
        public=_public(item, target),
        title=item.title.value if item.title else known.title.value,
        resolved_from=target.doc,
        evidence=match[1] if match else "",
    )


def _public(item: AgendaItem, target: _Known | None) -> bool | None:
    """Whether an item is open: as its document says, else as the matched item's says."""
    if item.public is not None:
        return item.public.value
    known = target.item.public if target is not None else None
    return known.value if known is not None else None
