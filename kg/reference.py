"""Reference data beside the minutes, as `kg load` imports it: curated links, an
organisation register, a release's dump.

Each named graph a file fills is replaced as a whole; the graphs of documents are only a
build's to write (`kg.pipeline`). The search index, the statistics graph (what the
summary pages read) and the relation graphs' downloads kept with it are kept in step with
what is loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from kg import stats
from kg.search import SearchIndex
from kg.store import StoreAddress, open_store
from kg.store.base import read_graphs


def load_reference(
    files: Sequence[Path],
    store: StoreAddress,
    *,
    graph: str | None = None,
    loaded: Callable[[Path, dict[str, int]], None] | None = None,
) -> None:
    """Load ``files`` into ``store`` (their triples into ``graph``), each file's quads
    per graph told to ``loaded`` as it is written. Every file is read first: a bad one
    is refused before the store is opened."""
    read = [(file, read_graphs(file, graph)) for file in files]
    db = open_store(store)
    documents = set(db.document_graphs())  # only a build writes these
    index = SearchIndex.beside(store.work)  # kept in step with what is loaded
    index.begin(db.raw)
    downloads = stats.Downloads.beside(store.work)  # none served while the store changes
    downloads.begin()
    for file, quads in read:
        counts = db.load_read(file, quads, protected=documents)
        index.update(quads)
        if loaded is not None:
            loaded(file, counts)
    stats.refresh(db, downloads)  # loaded people or organisations count on the summary pages
    downloads.finish()
    index.finish(db.raw)
