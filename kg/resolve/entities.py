"""Grouping names into entities: one entity per key, labelled by its best spelling."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from kg.resolve.model import Entity
from kg.resolve.names import slugify


def best_label(spellings: Counter[str]) -> str:
    """The spelling to show: the most used, then the longest, then the first in order."""
    return min(spellings, key=lambda s: (-spellings[s], -len(s), s))


def group(names: Iterable[str], key: Callable[[str], str]) -> dict[str, Entity]:
    """Entities from names, by key; the map is from key to entity.

    Slugs are unique: two keys whose labels slugify alike get the key's slug suffixed
    with a number in the order of their keys, which does not depend on input order.
    """
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for name in names:
        spellings[key(name)][name] += 1
    entities: dict[str, Entity] = {}
    taken: set[str] = set()
    for k in sorted(spellings):
        label = best_label(spellings[k])
        slug = slugify(label)
        base, n = slug, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        alts = tuple(sorted(s for s in spellings[k] if s != label))
        entities[k] = Entity(slug=slug, label=label, alt_labels=alts)
    return entities
