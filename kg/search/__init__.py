"""Search stage: a full-text index of the store's names, titles and texts, kept beside it.

SQLite FTS5 (which Python ships) over Danish stems (`kg.search.words`), one row per
searchable text (`kg.search.fields`), kept in step with the store by the build
(`kg.search.index`), searched ranked with snippets (`kg.search.find`).
"""

from __future__ import annotations

from kg.search.fields import Field
from kg.search.find import Hit, Results, Snippet, find, found_for, search
from kg.search.index import INDEX_FILE, SearchIndex
from kg.search.words import Query

__all__ = [
    "INDEX_FILE",
    "Field",
    "Hit",
    "Query",
    "Results",
    "SearchIndex",
    "Snippet",
    "find",
    "found_for",
    "search",
]
