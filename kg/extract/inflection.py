"""The forms in which a Danish or English label of a concept is searched: its words as
keys, and the inflections the matcher of :mod:`kg.extract.concepts` generates from them
(that module's docstring gives the rules)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise, product
from typing import Final

#: A word: letters and digits ("3D", "5G"), no underscore.
TOKEN: Final = re.compile(r"[^\W_]+")
_VOWELS: Final = frozenset("aeiouyæøå")
_NOUN_ENDINGS: Final = ("en", "et", "er", "erne", "e", "ene")

#: A label or a run of words as the matcher compares them.
Key = tuple[str, ...]


def label_key(text: str) -> Key:
    """The words of a label as the matcher compares them; a label whose words stand apart
    by other marks than spaces or a hyphen cannot be matched and is an error."""
    tokens = list(TOKEN.finditer(text))
    if not tokens or not all(joinable(text[a.end() : b.start()]) for a, b in pairwise(tokens)):
        raise ValueError(f"the label {text!r} cannot be matched as a phrase")
    return tuple(norm(t.group()) for t in tokens)


def variants(key: Key, lang: str) -> set[Key]:
    """``key`` and its generated inflections (the rules: :mod:`kg.extract.concepts`)."""
    if lang == "en":
        last = key[-1]
        plural = () if is_abbreviation(last) or last.endswith("s") else (last + "s",)
        return {key, *((*key[:-1], p) for p in plural)}
    if lang != "da":
        return {key}
    words = [_adjective_forms(w) for w in key[:-1]] + [_noun_forms(key[-1])]
    return set(product(*words))


def _adjective_forms(word: str) -> set[str]:
    if is_abbreviation(word) or not word.isalpha() or len(word) < 3 or word.endswith("e"):
        return {word}
    participle = {word[:-1] + "de"} if word.endswith("et") and len(word) > 4 else set()
    return {word, word + "e", word + word[-1] + "e", *participle}


def _noun_forms(word: str) -> set[str]:
    if is_abbreviation(word) or not word.isalpha():
        return {word}
    if word.endswith("e") and len(word) > 3:
        stems = {word[:-1]}
    else:
        stems = {word, word + word[-1]} if _short_vowel_final(word) else {word}
    forms = {word} | {s + ending for s in stems for ending in _NOUN_ENDINGS}
    if word.endswith("er"):
        forms.add(word + "ne")  # ladestander -> ladestanderne
    return forms | {f + "s" for f in forms if not f.endswith("s")}


def _short_vowel_final(word: str) -> bool:
    """Whether ``word`` ends consonant-vowel-consonant, so that the consonant doubles."""
    if len(word) < 3:
        return False
    return word[-3] not in _VOWELS and word[-2] in _VOWELS and word[-1] not in _VOWELS | {*"jvwx"}


def is_abbreviation(token: str) -> bool:
    """Whether ``token`` is an abbreviation, matched with its case: at most four characters,
    a capital after the first ("AI", "IoT", "5G")."""
    return len(token) <= 4 and any(ch.isupper() for ch in token[1:])


@lru_cache(maxsize=1 << 16)  # a corpus uses the same words again and again
def norm(token: str) -> str:
    """``token`` as compared: an abbreviation as written, any other word case-folded."""
    if is_abbreviation(token):
        return token
    return unicodedata.normalize("NFC", token).casefold()


def joinable(separator: str) -> bool:
    """Whether two words with ``separator`` between them may belong to one phrase."""
    return separator.strip() in ("", "-")
