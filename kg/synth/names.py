"""People's names for a synthetic world: canonical names, their variants, and a register
that keeps apart names the resolver could take for one person.

The resolver (kg.resolve.people) merges two spellings in one committee when they share a
first name (up to spelling variants) and their last names are one letter apart, or when one
continues the other's first two words. The register refuses a new name that shares such a
key with anybody else's spelling, so that every merge in a synthetic corpus is a true one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from kg.folding import spell_out
from kg.resolve.overrides import first_name, fold, name_tokens
from kg.synth.vocabulary import FIRST_NAME_VARIANTS, FIRST_NAMES, MIDDLE_NAMES, SURNAMES


class VariantKind(StrEnum):
    """How a variant spelling differs from the canonical name (all merged by the resolver)."""

    INITIAL = "abbreviated middle name"  # Henrik K. Lauridsen
    SHORTER = "last surname left out"  # Kasper Lind Ravnholt (for ... Nielsen)
    TYPO = "one-letter typo in the last name"  # Torben Meglaard
    FIRST_NAME = "first-name spelling variant"  # Katrine Dalsgaard
    FOLDED = "Danish letters spelt out"  # Tobias Gronbech


#: Variants that have as many words as the canonical name: it stays the label only while
#: it is written more often than they are.
SAME_RANK = frozenset({VariantKind.TYPO, VariantKind.FIRST_NAME, VariantKind.FOLDED})


@dataclass(frozen=True, slots=True)
class PersonName:
    """A canonical name and the variant spellings the person may be written with."""

    canonical: str
    variants: tuple[tuple[VariantKind, str], ...] = ()


def _keys(name: str) -> set[tuple[str, str, str]]:
    """The blocking keys of a spelling, as the resolver forms its candidate pairs."""
    tokens = tuple(fold(t) for t in name_tokens(name))
    first, last = first_name(tokens[0]), tokens[-1]
    keys = {("2nd", first, tokens[1])}
    keys |= {("last", first, last[:i] + last[i + 1 :]) for i in range(len(last))}
    keys.add(("last", first, last))
    return keys


class NameRegister:
    """The names handed out so far, and the keys they block."""

    def __init__(self) -> None:
        self._owner: dict[tuple[str, str, str], int] = {}
        self._count = 0

    def claim(self, name: PersonName) -> bool:
        """Register ``name`` unless one of its spellings could merge with another person's."""
        keys = set().union(*(_keys(s) for s in _spellings(name)))
        if any(k in self._owner for k in keys):
            return False
        self._count += 1
        for key in keys:
            self._owner[key] = self._count
        return True

    def new_name(self, rng: random.Random, *, variants: bool = True) -> PersonName:
        """A fresh name no other person's spellings can be confused with."""
        for attempt in range(10_000):
            name = _draw(rng, variants=variants, long=attempt > 50)
            if self.claim(name):
                return name
        raise RuntimeError("ran out of distinct names; lower the number of people")


def _spellings(name: PersonName) -> list[str]:
    return [name.canonical, *(v for _, v in name.variants)]


def _draw(rng: random.Random, *, variants: bool, long: bool) -> PersonName:
    first = rng.choice(FIRST_NAMES)
    middles = rng.sample(MIDDLE_NAMES, 2 if long else rng.choice((0, 0, 1, 1, 1, 2)))
    last = rng.choice(SURNAMES)
    words = [first, *middles, last]
    if len(set(words)) < len(words):
        words = [first, last]
    canonical = " ".join(words)
    if not variants:
        return PersonName(canonical)
    return PersonName(canonical, tuple(_variants(words, rng)))


def _variants(words: list[str], rng: random.Random) -> list[tuple[VariantKind, str]]:
    """Up to two variants of a name, of the kinds the resolver merges."""
    found: list[tuple[VariantKind, str]] = []
    first, last = words[0], words[-1]
    if len(words) >= 3:
        found.append((VariantKind.INITIAL, " ".join([first, f"{words[1][0]}.", *words[2:]])))
        found.append((VariantKind.SHORTER, " ".join(words[:-1])))
    if first in FIRST_NAME_VARIANTS:
        found.append((VariantKind.FIRST_NAME, " ".join([FIRST_NAME_VARIANTS[first], *words[1:]])))
    folded = spell_out(last, stroke="o")
    if last != folded:
        found.append((VariantKind.FOLDED, " ".join([*words[:-1], folded])))
    if len(last) >= 6 and last == folded:  # one change to the last name only
        i = rng.randrange(1, len(last) - 2)
        swapped = last[:i] + last[i + 1] + last[i] + last[i + 2 :]
        if swapped != last:
            found.append((VariantKind.TYPO, " ".join([*words[:-1], swapped])))
    rng.shuffle(found)
    return sorted(found[:2])
