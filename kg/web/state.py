"""What the application holds for its life: the store (read-only), the named queries, and
what is remembered of the store (linked nodes' properties), and the search index."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from fastapi import Request

from kg import stats
from kg.resources import data_folder
from kg.search import SearchIndex
from kg.store import QueryStore, StoreAddress, open_store
from kg.store.queries import NamedQuery, catalogue
from kg.web.lookups import Memo
from kg.web.settings import ServeSettings


@dataclass(frozen=True)
class AppState:
    settings: ServeSettings
    store: QueryStore
    queries: dict[str, NamedQuery]
    #: Linked nodes' properties read for pages, kept while the app lives.
    memo: Memo = field(default_factory=Memo)
    _search: list[SearchIndex] = field(default_factory=list)
    _checking: threading.Lock = field(default_factory=threading.Lock)
    _built: list[str] = field(default_factory=list)
    _statistics: list[stats.Statistics] = field(default_factory=list)
    _counting: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(cls, settings: ServeSettings) -> AppState:
        store = open_store(settings.store, read_only=True, timeout=settings.query_timeout).raw
        return cls(settings, store, catalogue(data_folder("sparql")))

    def search_index(self) -> SearchIndex:
        """The search index kept beside the store, checked against the store on first use
        (brought in step if a build was killed or made none; the store does not change
        while served)."""
        with self._checking:
            if not self._search:
                work = StoreAddress.of(self.settings.store).work
                self._search.append(SearchIndex.ready(work, self.store))
        return self._search[0]

    def statistics(self) -> stats.Statistics:
        """The store's statistics: its statistics graph, read once; counted here, once,
        for a store built before the build wrote one (concurrent first requests wait for
        the one count)."""
        with self._counting:
            if not self._statistics:
                found = stats.read(self.store, self.settings.base_iri)
                self._statistics.append(found or stats.count(self.store))
            return self._statistics[0]

    def built(self) -> str:
        """When the data was built (the latest build's end, ``xsd:dateTime``; "" when the
        store records none), read once."""
        if not self._built:
            from kg.web.html import built_at

            self._built.append(built_at(self.store))
        return self._built[0]


def state(request: Request) -> AppState:
    """The application state, for a route's dependency."""
    found: AppState = request.app.state.kg
    return found
