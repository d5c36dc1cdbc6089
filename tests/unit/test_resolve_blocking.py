"""Resolution compares only the pairs that may match (blocking), and finds what comparing
every pair finds: fuzzy name keys, and matching an item by its words."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import datetime

import pytest

from kg.extract.model import Mentions
from kg.parse.model import AgendaItem, DocKind, Located, MinutesDoc, SourceInfo, Span
from kg.resolve.entities import fuzzy_keys
from kg.resolve.meetings import (
    KnownItems,
    _Known,
    item_words,
    known_items,
    match_item,
    place_all,
    place_items,
)
from kg.resolve.model import MeetingRef
from kg.resolve.names import similarity, within_one_edit

SPAN = Span(1, 1, 1)
LETTERS = "abcdefghijklmnopqrstuvwxyzæøå"


def fuzzy_keys_all_pairs(names: list[str], min_length: int = 8) -> dict[str, str]:
    """fuzzy_keys as it was: every name compared with every other."""
    counts = Counter(n.casefold() for n in names)
    ordered = sorted(counts, key=lambda n: (-counts[n], n))
    keys: dict[str, str] = {}
    for name in ordered:
        if name in keys:
            continue
        keys[name] = name
        if len(name) < min_length:
            continue
        for other in ordered:
            if other not in keys and within_one_edit(name, other):
                keys[other] = name
    return {n: keys[n.casefold()] for n in names}


def _misspelt(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    match rng.randrange(4):
        case 0:
            return word[:i] + rng.choice(LETTERS) + word[i:]
        case 1:
            return word[:i] + word[i + 1 :]
        case 2:
            return word[:i] + rng.choice(LETTERS) + word[i + 1 :]
        case _:
            j = min(i + 1, len(word) - 1)
            return word[:i] + word[j] + word[i] + word[j + 1 :] if j > i else word


@pytest.mark.parametrize("seed", range(5))
def test_fuzzy_keys_are_those_of_comparing_every_pair(seed: int) -> None:
    rng = random.Random(seed)
    bases = ["".join(rng.choices(LETTERS[:6], k=rng.randint(6, 11))) for _ in range(40)]
    names = []
    for base in bases:
        names += [base] * rng.randint(1, 4)
        names += [_misspelt(base, rng) for _ in range(rng.randint(0, 3))]
        names += [_misspelt(_misspelt(base, rng), rng) for _ in range(rng.randint(0, 2))]
    names += [n.upper() for n in rng.sample(names, 10)]
    rng.shuffle(names)
    assert fuzzy_keys(names) == fuzzy_keys_all_pairs(names)


def _item(number: int, title: str) -> AgendaItem:
    return AgendaItem(
        span=SPAN,
        number=Located(number, SPAN),
        public=Located(True, SPAN),
        title=Located(title, SPAN),
    )


def _text(rng: random.Random, vocabulary: list[str]) -> str:
    # a few common words in most texts, and rarer ones: like real item titles
    common = rng.sample(vocabulary[:5], 3)
    return " ".join(common + rng.sample(vocabulary[5:], rng.randint(2, 8)))


def _known(rng: random.Random, vocabulary: list[str]) -> list[_Known]:
    known = []
    for doc in range(30):
        meeting = MeetingRef(f"m{doc % 7}", "c", datetime(2020, 1, 1 + doc % 7), "M")
        for number in range(1, rng.randint(2, 8)):
            item = _item(number, _text(rng, vocabulary))
            known.append(_Known(f"doc{doc:02d}", DocKind.MINUTES, meeting, item, number))
    return known


@pytest.mark.parametrize("threshold", [0.0, 0.2, 0.35, 0.5, 0.6])
def test_matching_by_words_finds_what_comparing_every_item_finds(threshold: float) -> None:
    rng = random.Random(7)
    vocabulary = [f"ord{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(60)]
    known = _known(rng, vocabulary)
    index = KnownItems.of(known)
    matched = 0
    for trial in range(300):
        item = _item(1, _text(rng, vocabulary))
        exclude = f"doc{trial % 30:02d}"
        mine = item_words(item)
        scored = [(similarity(mine, item_words(k.item)), k) for k in known if k.doc != exclude]
        scored = [(score, k) for score, k in scored if score >= threshold]
        expected = max(scored, key=lambda pair: (pair[0], -pair[1].number))[1] if scored else None
        found = match_item(item, None, index, exclude_doc=exclude, threshold=threshold)
        assert (found[0] if found else None) == expected
        matched += expected is not None
    assert matched > 0


def _mentions(name: str, kind: DocKind, items: list[AgendaItem]) -> Mentions:
    source = SourceInfo(name, name, name * 4, "text/plain", 1)
    return Mentions(MinutesDoc(source, kind, "da", items=tuple(items)), (), (), ())


def _corpus(rng: random.Random, vocabulary: list[str]) -> list[tuple[Mentions, MeetingRef | None]]:
    """Meetings with minutes and agendas in shuffled order (their items' numbers and titles
    not always agreeing, so that some are matched by their words), and agenda extracts
    that name no meeting, with unnumbered items copied from the minutes."""
    docs: list[tuple[Mentions, MeetingRef | None]] = []
    minutes = []
    for m in range(8):
        meeting = MeetingRef(f"m{m}", "c", datetime(2020, 1, 1 + m), "M")
        texts = [_text(rng, vocabulary) for _ in range(rng.randint(2, 6))]
        items = [_item(n, t) for n, t in enumerate(texts, 1)]
        minutes += items
        docs.append((_mentions(f"min{m}", DocKind.MINUTES, items), meeting))
        rng.shuffle(texts)
        agenda = [_item(n, f"{t} {rng.choice(vocabulary)}") for n, t in enumerate(texts, 1)]
        docs.append((_mentions(f"dag{m}", DocKind.AGENDA, agenda), meeting))
    for e in range(4):
        extract = [replace(i, number=None) for i in rng.sample(minutes, 2)]
        docs.append((_mentions(f"ext{e}", DocKind.AGENDA, extract), None))
    rng.shuffle(docs)
    return docs


@pytest.mark.parametrize("seed", range(4))
def test_placing_meeting_by_meeting_finds_what_placing_in_order_finds(seed: int) -> None:
    """`place_all` places a meeting's documents together and lets go of their items'
    words before the next meeting's: the same placings as each document placed in turn
    with every item's words at hand, and no words kept at the end."""
    rng = random.Random(seed)
    vocabulary = [f"ord{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(60)]
    docs = _corpus(rng, vocabulary)
    placed = [(m, meeting) for m, meeting in docs if meeting is not None]
    expected = [(m, *place_items(m, meeting, known_items(placed), 0.35)) for m, meeting in docs]
    known = known_items(placed)
    assert place_all(docs, known, 0.35) == expected
    assert not known.words_at
    evidence = [r.evidence for _, _, refs in expected for r in refs if r is not None]
    assert any(e.startswith("text similarity") for e in evidence)  # words were compared
    extracts = [meeting for m, meeting, _ in expected if m.doc.source.name.startswith("ext")]
    assert any(meeting is not None for meeting in extracts)  # placed through their items


def test_the_index_of_words_is_made_only_for_a_document_that_names_no_meeting() -> None:
    rng = random.Random(3)
    vocabulary = [f"ord{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(60)]
    docs = [(m, meeting) for m, meeting in _corpus(rng, vocabulary) if meeting is not None]
    known = known_items(docs)
    place_all(docs, known, 0.35)
    assert not known.by_word
    extract = _mentions("ext", DocKind.AGENDA, [replace(docs[0][0].doc.items[0], number=None)])
    place_all([(extract, None)], known, 0.35)
    assert known.by_word
