"""Finding committee names in texts searches only the names a text may hold (the sieve),
in the text lowered, and finds what searching every name case-blind in every text finds."""

from __future__ import annotations

import random
import re
import sys

import pytest

from kg.resolve.committees import CASE_CROSSING, _name_pattern, _Sieve
from kg.resolve.names import committee_key

NAMES = [
    "Økonomiudvalget",
    "Teknik- og Miljøudvalget",
    "Opgaveudvalget for Innovation",
    "Udvalg om Grøn Omstilling",
    "Beskæftigelses- og Dagtilbudsudvalget",
    "Ældrerådet",
    "Børne– og Ungeudvalget",
    "Kultur-, Fritids- og Idrætsudvalget",
    "Bygge og Digitaliseringsudvalg",
    "Café- og Idéudvalget",
    "Om",
]
PHRASES = [
    "innovationsudvalget",
    "Opgaveudvalg om innovation",
    "TEKNIK- OG MILJØUDVALGET",
    "teknik og  miljøudvalget",
    "økonomiudvalgets",
    "udvalget for grøn omstilling",
    "børne– og ungeudvalget",
    "ældrerådet",
    "Ældreråd",
    "bygge- og digitaliseringsudvalget",
    "kultur-, fritids- og idrætsudvalget",
    "ÉKONOMIUDVALGET",  # a letter beyond æ/ø/å: searched as before
    "teknik og miljøudvalget ſ",
    "Skatteudvalget",
    "om",
    "xteknik og miljøudvalget",  # inside a word: not a name
    "bioøkonomiudvalget",
    "café- og idéudvalget",
    "CAFÉ- OG IDÉUDVALGET",
    "§ 17, stk. 4–udvalget",
    "“økonomiudvalget”",
    "ØKONOMIUDVALGET’s",
    "\u212aultur-, fritids- og idrætsudvalget",  # the Kelvin sign: case-blind, a K
    "\u0130nnovationsudvalget",
    "teknik- og miljøudvalgetudvalget",
]


def search_every_name(keys: list[str], text: str) -> list[str]:
    """What finding committee names did before the sieve: every pattern in every text."""
    return [f"{key}: {match[0]}" for key in keys for match in _name_pattern(key).finditer(text)]


def search_sieved(sieve: _Sieve, text: str) -> list[str]:
    return [f"{key}: {written}" for written, key in sieve.find(text)]


@pytest.mark.parametrize("seed", range(20))
def test_the_sieve_finds_what_searching_every_name_finds(seed: int) -> None:
    rng = random.Random(seed)
    keys = sorted({committee_key(name) for name in NAMES})
    sieve = _Sieve(keys)
    words = " ".join(PHRASES).split()
    for _ in range(50):
        text = " ".join(rng.choice([*PHRASES, *words, "\x00", "og", "-"]) for _ in range(12))
        assert search_sieved(sieve, text) == search_every_name(keys, text)


def test_the_sieve_leaves_out_names_a_text_cannot_hold() -> None:
    keys = sorted({committee_key(name) for name in NAMES if name != "Om"})
    chosen = _Sieve(keys).may_match("Sag om økonomiudvalget – og skolen")
    # a name with no word in ASCII and æ/ø/å long enough to sieve by is always searched
    assert chosen == [committee_key("Café- og Idéudvalget"), committee_key("Økonomiudvalget")]
    assert len(_Sieve(keys).may_match("Sag om økonomiudvalget ſ")) == len(keys)


def test_the_case_crossing_characters_are_all_those_that_match_a_letter_unlike_lower() -> None:
    """The lowered text is searched in place of the text (`_Sieve.find`): beyond
    `CASE_CROSSING`, every character lowers to one character, as much a word character as
    it was, and matches a letter of ASCII or æ/ø/å case-blind exactly when it lowers to it."""
    letters = "abcdefghijklmnopqrstuvwxyzæøå"
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    matching = set(re.findall(f"[{letters}]", every, re.IGNORECASE))
    lowering = {c for c in every if c.lower() in set(letters)}
    differing = (matching ^ lowering) | {c for c in every if len(c.lower()) > 1}
    assert set(CASE_CROSSING) == differing
    word = re.compile(r"\w")
    assert [
        c
        for c in every
        if c not in CASE_CROSSING and bool(word.match(c)) != bool(word.match(c.lower()))
    ] == []
