"""What the application holds for its life: the store (read-only) and the named queries."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from fastapi import Request

from kg.resources import project_folder
from kg.store import OxigraphStore
from kg.store.queries import NamedQuery, catalogue
from kg.web.search import SearchIndex
from kg.web.settings import ServeSettings


@dataclass(frozen=True)
class AppState:
    settings: ServeSettings
    store: ox.Store
    queries: dict[str, NamedQuery]
    _search: list[SearchIndex] = field(default_factory=list)

    @classmethod
    def open(cls, settings: ServeSettings) -> AppState:
        store = OxigraphStore(settings.store, read_only=True).raw
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
