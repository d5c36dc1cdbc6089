"""Statistics of the store, counted by the build after loading and kept in the store as a
statistics graph (a VoID description of the dataset), so that pages which summarise the
store read a few quads rather than count millions at each visit; with them, the whole
relation graphs' downloads, kept as files beside the store (`kg.stats.downloads`)."""

from __future__ import annotations

from kg.iri import statistics_graph
from kg.stats.count import count
from kg.stats.downloads import Downloads
from kg.stats.model import Listing, Row, Statistics
from kg.stats.store import kept, read, refresh, write

__all__ = [
    "Downloads",
    "Listing",
    "Row",
    "Statistics",
    "count",
    "kept",
    "read",
    "refresh",
    "statistics_graph",
    "write",
]
