"""What the application holds for its life: the store (read-only) and the named queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request

from kg.resources import project_folder
from kg.store import QueryStore, open_store
from kg.store.queries import NamedQuery, catalogue
from kg.web.search import SearchIndex
from kg.web.settings import ServeSettings


@dataclass(frozen=True)
class AppState:
    settings: ServeSettings
    store: QueryStore
    queries: dict[str, NamedQuery]
    _search: list[SearchIndex] = field(default_factory=list)

    @classmethod
    def open(cls, settings: ServeSettings) -> AppState:
        store = open_store(settings.store, read_only=True, timeout=settings.query_timeout).raw
        return cls(settings, store, catalogue(project_folder("sparql")))

    def search_index(self) -> SearchIndex:
        """The search index, built on first use (the store does not change while served)."""
        if not self._search:
            self._search.append(SearchIndex.build(self.store))
        return self._search[0]


def state(request: Request) -> AppState:
    """The application state, for a route's dependency."""
    found: AppState = request.app.state.kg
    return found
