"""Grouping names into entities: one entity per key, labelled by its best spelling."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from kg.iri import slugify
from kg.resolve.model import Entity
from kg.resolve.names import within_one_edit


def best_label(spellings: Counter[str]) -> str:
    """The spelling to show: not in capitals, the most used, the longest, the first.

    >>> best_label(Counter({"TEKNIKUDVALGET": 3, "Teknikudvalget": 1}))
    'Teknikudvalget'
    """
    return min(spellings, key=lambda s: (s.isupper(), -spellings[s], -len(s), s))


def group(
    names: Iterable[str],
    key: Callable[[str], str],
    *,
    preferred: Iterable[str] = (),
) -> dict[str, Entity]:
    """Entities from names, by key; the map is from key to entity.

    A ``preferred`` spelling (a committee's name on its own title line) labels its entity
    before any spelling from running text. Slugs are unique: two keys whose labels
    slugify alike get the key's slug suffixed with a number in the order of their keys,
    which does not depend on input order.
    """
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for name in names:
        spellings[key(name)][name] += 1
    for name in preferred:
        spellings[key(name)][name] += 1_000_000
    entities: dict[str, Entity] = {}
    taken: set[str] = set()
    for k in sorted(spellings):
        label = best_label(spellings[k])
        slug = slugify(label)
        base, n = slug, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        alts = tuple(sorted(s for s in spellings[k] if s.casefold() != label.casefold()))
        entities[k] = Entity(slug=slug, label=label, alt_labels=alts)
    return entities


def fuzzy_keys(names: Iterable[str], *, min_length: int = 8) -> dict[str, str]:
    """A key for each name such that names one edit apart (case aside) share a key, for
    names of at least ``min_length`` letters; the key is the most used spelling's.

    >>> keys = fuzzy_keys(["Iværksættermiljø", "Iværksætttermiljø", "Iværksættermiljø"])
    >>> keys["Iværksætttermiljø"] == keys["Iværksættermiljø"]
    True
    """
    names = list(names)
    counts = Counter(n.casefold() for n in names)
    ordered = sorted(counts, key=lambda n: (-counts[n], n))
    # Names one edit apart share a name with one letter (or none) left out: compare only
    # those, not every pair.
    blocks: dict[str, list[str]] = defaultdict(list)
    for name in ordered:
        for key in _one_left_out(name):
            blocks[key].append(name)
    keys: dict[str, str] = {}
    for name in ordered:
        if name in keys:
            continue
        keys[name] = name
        if len(name) < min_length:
            continue
        near = {other for key in _one_left_out(name) for other in blocks[key]}
        for other in near:
            if other not in keys and within_one_edit(name, other):
                keys[other] = name
    return {n: keys[n.casefold()] for n in names}


def _one_left_out(name: str) -> set[str]:
    """The name, and the name with each one of its letters left out."""
    return {name} | {name[:i] + name[i + 1 :] for i in range(len(name))}
