"""Resolution compares only the pairs that may match (blocking), and finds what comparing
every pair finds: fuzzy name keys, and matching an item by its words."""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime

import pytest

from kg.parse.model import AgendaItem, DocKind, Located, Span
from kg.resolve.entities import fuzzy_keys
from kg.resolve.meetings import KnownItems, _Known, item_words, match_item
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
            known.append(
                _Known(f"doc{doc:02d}", DocKind.MINUTES, meeting, item, number, item_words(item))
            )
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
        scored = [(similarity(mine, k.words), k) for k in known if k.doc != exclude]
        scored = [(score, k) for score, k in scored if score >= threshold]
        expected = max(scored, key=lambda pair: (pair[0], -pair[1].number))[1] if scored else None
        found = match_item(item, None, index, exclude_doc=exclude, threshold=threshold)
        assert (found[0] if found else None) == expected
        matched += expected is not None
    assert matched > 0
