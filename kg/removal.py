"""Removing documents from a store: their named graphs and their kept copies, before a
build resolves the documents that stay (see `kg.pipeline.build`'s ``remove``).

A document is named as a build reports it (its path in its folder, "udvalg/referat.txt"),
by that name's slug ("udvalg-referat-txt") or by its graph's IRI. A quarantined document
is one kept from an earlier build whose graph is not in the store (its graph broke the
shapes); `Removal.quarantined` removes all of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kg.cache import DocumentCache
from kg.errors import UsageError
from kg.extract.model import Mentions
from kg.iri import Kind, Minter, slugify
from kg.store import GraphStore


@dataclass(frozen=True)
class Removal:
    """Which documents to remove."""

    names: tuple[str, ...] = ()
    quarantined: bool = False


def remove_documents(
    removal: Removal, store: GraphStore, cache: DocumentCache, minter: Minter, digest: str
) -> list[str]:
    """Remove the documents ``removal`` names from ``store`` and ``cache``; their names.
    `UsageError` (nothing removed) when a name is no document of the store."""
    return remove_named(
        named_documents(removal, store, cache, minter, digest), store, cache, minter
    )


def named_documents(
    removal: Removal, store: GraphStore, cache: DocumentCache, minter: Minter, digest: str
) -> list[str]:
    """The names of the documents ``removal`` names, as the store knows them; `UsageError`
    when one is no document of the store (then nothing need change, and nothing did)."""
    kept = [doc.source.name for doc in cache.load_all(digest)]
    graphs = set(store.graphs())
    by_key: dict[str, str] = {}
    for name in kept:
        iri = minter.iri(Kind.DOCUMENT, slugify(name))
        by_key.update({name: name, slugify(name): name, iri: name})
    chosen: list[str] = []
    for given in removal.names:
        found = by_key.get(given) or by_key.get(slugify(given))
        if found is None:
            raise UsageError(
                f"no document {given!r} in the store at {cache.folder.parent}",
                hint="name it as kg build reported it, by its slug or by its graph's IRI",
            )
        chosen.append(found)
    if removal.quarantined:
        chosen += [n for n in kept if minter.iri(Kind.DOCUMENT, slugify(n)) not in graphs]
    return sorted(set(chosen))


def remove_named(
    names: Sequence[str], store: GraphStore, cache: DocumentCache, minter: Minter
) -> list[str]:
    """Remove the documents ``names`` (`named_documents`) from ``store`` and ``cache``."""
    for name in names:
        store.remove_graph(minter.iri(Kind.DOCUMENT, slugify(name)))
        cache.remove(name)
    return list(names)


def superseded(fresh: Mapping[str, Mentions], kept: Mapping[str, Mentions]) -> tuple[str, ...]:
    """The documents kept from earlier builds that a document read now replaces: one
    under another name with the same publisher's id (an agenda portal's meeting id, as a
    harvest saves it again), so that the later copy of a meeting replaces the earlier."""
    ids = {m.doc.identifier.value for m in fresh.values() if m.doc.identifier is not None}
    return tuple(
        sorted(
            name
            for name, m in kept.items()
            if name not in fresh and m.doc.identifier is not None and m.doc.identifier.value in ids
        )
    )
