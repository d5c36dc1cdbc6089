"""Finding committee names in texts searches only the names a text may hold (the sieve),
and finds what searching every name in every text finds."""

from __future__ import annotations

import random

import pytest

from kg.resolve.committees import _name_pattern, _Sieve
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
]


def search_every_name(keys: list[str], text: str) -> list[str]:
    """What finding committee names did before the sieve: every pattern in every text."""
    return [f"{key}: {match[0]}" for key in keys for match in _name_pattern(key).finditer(text)]


def search_sieved(sieve: _Sieve, text: str) -> list[str]:
    return [
        f"{key}: {m[0]}" for pattern, key in sieve.patterns(text) for m in pattern.finditer(text)
    ]


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
    chosen = [key for _, key in _Sieve(keys).patterns("Sag om økonomiudvalget og skolen")]
    assert chosen == [committee_key("Økonomiudvalget")]
