"""Keys and slugs: how names become comparable keys and readable IRI parts."""

from __future__ import annotations

import re
from functools import lru_cache

# Definite forms of committee nouns, to their indefinite form.
_DEFINITE = re.compile(r"(udvalg|råd|bestyrelse|forum|nævn)(?:et|en)\b")
#: A compound with a linking s, "innovationsudvalg": the same as "udvalg om innovation".
_COMPOUND = re.compile(r"(?P<stem>[^\W\d_]{4,}?)sudvalg")


@lru_cache(maxsize=1 << 16)  # the same names come back in every document
def committee_key(name: str) -> str:
    """The key shared by the spellings of one committee's name.

    Definite and indefinite forms, "om" and "for", and the prefix "Opgave-" are the same.

    >>> key = committee_key("Opgaveudvalg om Innovation")
    >>> committee_key("Opgaveudvalget for Innovation") == key
    True
    >>> committee_key("Udvalg om Innovation") == key
    True
    >>> committee_key("Økonomiudvalget") == committee_key("Teknik- og Miljøudvalget")
    False
    >>> committee_key("innovationsudvalget") == key
    True
    """
    # "Teknik- og Miljøudvalget" and "Teknik og Miljøudvalget" are one spelling
    words = re.sub(r"[-–]\s+", " ", name.casefold()).strip(" .").split()
    words = [_DEFINITE.sub(r"\1", w) for w in words]
    words = ["om" if w == "for" else w for w in words]
    if words and words[0].startswith("opgaveudvalg"):
        words[0] = words[0].removeprefix("opgave")
    if len(words) == 1 and (compound := _COMPOUND.fullmatch(words[0])):
        words = ["udvalg", "om", compound["stem"]]  # "innovationsudvalget"
    return " ".join(words)


def within_one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one insertion, deletion, substitution or swap of
    two neighbouring letters.

    >>> within_one_edit("iværksætttermiljø", "iværksættermiljø"), within_one_edit("ab", "ba")
    (True, True)
    >>> within_one_edit("holm", "holt"), within_one_edit("holm", "helt")
    (True, False)
    """
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    shorter, longer = sorted((a, b), key=len)
    i = next(
        (k for k, (x, y) in enumerate(zip(shorter, longer, strict=False)) if x != y), len(shorter)
    )
    return shorter[i:] == longer[i + 1 :]


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two word sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
