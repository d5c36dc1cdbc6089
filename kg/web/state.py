"""What the application holds for its life: the store (read-only), the named queries, and
everything read from the store once and then remembered, while the store cannot change
under it: linked nodes' properties, the search index, the statistics and the downloads
kept with them, when the data was built, the named graphs' sizes, the release metadata
and the dumps."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from fastapi import Request
from rdflib import Graph

from kg import stats
from kg.graphs.model import GraphFormat, GraphName
from kg.linked.lookups import Memo
from kg.linked.render import built_at
from kg.linked.service import graph_sizes
from kg.publish.dumps import DUMPS, write_dumps
from kg.publish.publisher import metadata
from kg.resources import data_folder
from kg.search import SearchIndex
from kg.stats.downloads import Kept
from kg.store import QueryStore, StoreAddress, open_store
from kg.store.queries import NamedQuery, catalogue
from kg.web.settings import ServeSettings

T = TypeVar("T")


class Once(Generic[T]):
    """A value made on first use and kept; concurrent first uses wait for the one making."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._made: list[T] = []

    def get(self, make: Callable[[], T]) -> T:
        with self._lock:
            if not self._made:
                self._made.append(make())
            return self._made[0]


@dataclass(frozen=True)
class AppState:
    settings: ServeSettings
    store: QueryStore
    queries: dict[str, NamedQuery]
    #: Linked nodes' properties read for pages, kept while the app lives.
    memo: Memo = field(default_factory=Memo)
    _search: Once[SearchIndex] = field(default_factory=Once)
    _built: Once[str] = field(default_factory=Once)
    _statistics: Once[stats.Statistics] = field(default_factory=Once)
    _downloads: Once[stats.Downloads] = field(default_factory=Once)
    _graph_sizes: Once[list[tuple[str, int]]] = field(default_factory=Once)
    _release: Once[tuple[Graph, Graph]] = field(default_factory=Once)
    _dumps: Once[tempfile.TemporaryDirectory[str]] = field(default_factory=Once)

    @classmethod
    def open(cls, settings: ServeSettings) -> AppState:
        store = open_store(settings.store, read_only=True, timeout=settings.query_timeout).raw
        return cls(settings, store, catalogue(data_folder("sparql")))

    def search_index(self) -> SearchIndex:
        """The search index kept beside the store, checked against the store on first use
        (brought in step if a build was killed or made none; the store does not change
        while served)."""
        work = StoreAddress.of(self.settings.store).work
        return self._search.get(lambda: SearchIndex.ready(work, self.store))

    def statistics(self) -> stats.Statistics:
        """The store's statistics: its statistics graph, read once; counted here, once,
        for a store built before the build wrote one (concurrent first requests wait for
        the one count)."""
        return self._statistics.get(
            lambda: stats.read(self.store, self.settings.base_iri) or stats.count(self.store)
        )

    def kept_download(self, name: GraphName, fmt: GraphFormat) -> Kept | None:
        """The build's download of the whole graph ``name`` as ``fmt``, when the
        statistics read name it and its file holds their bytes (`kg.stats.downloads`);
        None when it must be computed."""
        work = StoreAddress.of(self.settings.store).work
        kept = self._downloads.get(lambda: stats.Downloads.beside(work))
        return kept.find(self.statistics().downloads, name, fmt)

    def built(self) -> str:
        """When the data was built (the latest build's end, ``xsd:dateTime``; "" when the
        store records none), read once."""
        return self._built.get(lambda: built_at(self.store))

    def graph_sizes(self) -> list[tuple[str, int]]:
        """Each named graph and its size (the service description's), counted once."""
        return self._graph_sizes.get(lambda: graph_sizes(self.store))

    def release_metadata(self) -> tuple[Graph, Graph]:
        """The catalogue record and the VoID description of the store under the publish
        settings, made once."""

        def make() -> tuple[Graph, Graph]:
            update = {"base_iri": self.settings.base_iri}
            settings = self.settings.publish.model_copy(update=update)
            _, catalog, void = metadata(self.store, settings, None)
            return catalog, void

        return self._release.get(make)

    def dumps(self) -> Path:
        """The folder of the dumps of the store, written to a temporary folder (removed
        with the application) on first use."""

        def make() -> tempfile.TemporaryDirectory[str]:
            made = tempfile.TemporaryDirectory(prefix="kg-dumps-")
            write_dumps(self.store, Path(made.name), self.settings.base_iri)
            return made

        return Path(self._dumps.get(make).name) / DUMPS


def state(request: Request) -> AppState:
    """The application state, for a route's dependency."""
    found: AppState = request.app.state.kg
    return found


def mount_root(request: Request) -> str:
    """The path the application is mounted under (a proxy's prefix, ``--root-path``),
    without a last slash: each link a page writes starts with it."""
    return str(request.scope.get("root_path", "")).rstrip("/")
