"""The search index: an SQLite FTS5 database beside the store, kept by the build.

One row per searchable text (`kg.search.fields`): the resource, the field, the language
and the original text, with the graphs that state it (a text stated by two documents is
one row, as the default graph is their set union), and in the FTS5 table the text's stems
and field (see `kg.search.words`). A row's id orders the rows as the ranking wants them
(`kg.search.rows.row_id`): by the field's tier, then by the text's length in words, and holds the
resource's number, so that the resources a query matches are counted and paged from the
FTS5 table's row ids alone. The index also records, for every named graph of the store,
a digest of the graph's searchable statements: the version of the graph it holds.

How it stays in step with the store: a build marks the index as being written before it
writes the store (`SearchIndex.begin`), gives it each batch of graphs once the store
holds them (`SearchIndex.update_nquads`), and at its end (`SearchIndex.finish`) adds the graphs
it was not given and drops those the store no longer has (removed documents), then
clears the mark. A build killed midway leaves the mark: the next build or server start
(`SearchIndex.ensure`) reads the searchable statements of every graph from the store,
compares each graph's digest with the one recorded and indexes again only those that
differ. A change of what is indexed (fields, stemming) starts the index afresh.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import closing, contextmanager
from pathlib import Path

import pyoxigraph as ox

from kg.search.fields import PREDICATES, Field, Searchable, digest, searchable_lines
from kg.search.rows import LENGTH_BITS, LENGTH_SHIFT, Rows, held, remove
from kg.search.words import COMPOUND_HEAD, PREFIX_FROM
from kg.store.protocol import QueryStore

#: The index's file in the store's work folder.
INDEX_FILE = "search.sqlite"
#: Changes when what the index holds changes: an index of another version is rebuilt.
VERSION = digest(
    [
        "schema 3",
        "snowball danish, kg.folding.fold",
        f"compound {COMPOUND_HEAD} prefix {PREFIX_FROM}",
        *(f"{f.name} {f.iri} {f.key} {f.tier}" for f in Field),
    ]
)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS graphs (iri TEXT PRIMARY KEY, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS resources (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS texts (
    id INTEGER PRIMARY KEY, resource INTEGER NOT NULL, field TEXT NOT NULL,
    lang TEXT NOT NULL, text TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS texts_resource ON texts (resource, hash);
CREATE TABLE IF NOT EXISTS sources (
    text INTEGER NOT NULL, graph TEXT NOT NULL, PRIMARY KEY (text, graph)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sources_graph ON sources (graph);
CREATE VIRTUAL TABLE IF NOT EXISTS words USING fts5 (
    stems, tails, field, tokenize = 'unicode61 remove_diacritics 0', prefix = '3');
"""
#: How a build's transactions are committed: without waiting for the disk. A killed
#: build leaves the index whole all the same (SQLite's journal), marked as not in step;
#: only a machine that stops may leave it unreadable, and then it is made again (`ensure`).
_UNSYNCED = "PRAGMA synchronous = OFF"


class SearchIndex:
    """The index file of one store (its work folder)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def beside(cls, work: Path) -> SearchIndex:
        """The index kept in a store's work folder."""
        return cls(work / INDEX_FILE)

    @classmethod
    def ready(cls, work: Path, store: QueryStore) -> SearchIndex:
        """The index kept in a store's work folder, in step with ``store`` (`ensure`)."""
        index = cls.beside(work)
        index.ensure(store)
        return index

    @contextmanager
    def _writer(self) -> Iterator[sqlite3.Connection]:
        """A connection that writes, in one transaction committed at the end. While a
        build writes (the mark of `begin`), a commit does not wait for the disk (`_UNSYNCED`)
        and the totals are left to its `finish`."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path, timeout=60)) as db:
            db.executescript(_SCHEMA)
            if _get(db, "version") != VERSION:
                _restart(db)
            if _get(db, "writing") == "1":
                db.execute(_UNSYNCED)
            with db:
                yield db
                if _get(db, "writing") != "1":
                    rows, mean = db.execute(
                        f"SELECT COUNT(*), AVG((rowid >> {LENGTH_SHIFT}) & "
                        f"{(1 << LENGTH_BITS) - 1}) FROM words"
                    ).fetchone()
                    _put(db, "rows", str(rows))
                    _put(db, "mean length", str(mean or 0.0))

    def reader(self) -> sqlite3.Connection:
        """A connection that only reads (one per caller: connections are not shared
        between threads)."""
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)

    def totals(self, db: sqlite3.Connection) -> tuple[int, float]:
        """How many texts the index holds, and their mean length in words."""
        return int(_get(db, "rows") or 0), float(_get(db, "mean length") or 0.0)

    def begin(self, store: QueryStore) -> None:
        """Mark the index as being written: the store is about to change. An index not
        in step with ``store`` (a killed build) is first brought in step (`ensure`)."""
        self.ensure(store)
        with self._writer() as db:
            _put(db, "writing", "1")

    def update(self, graphs: Mapping[str, Iterable[ox.Quad]]) -> None:
        """Index each graph as it now is in the store (its quads), in one transaction."""
        found = {
            iri: Searchable.of((q.subject, q.predicate, q.object) for q in quads)
            for iri, quads in graphs.items()
        }
        with self._writer() as db:
            Rows(db).replace(found, held(db, found))

    def update_nquads(self, data: bytes, graphs: Collection[str]) -> None:
        """`update` with graphs as N-Quads (each of ``graphs`` written, whole, by ``data``):
        only their lines that may be searchable statements are parsed."""
        found: dict[str, list[ox.Quad]] = {iri: [] for iri in graphs}
        lines = b"\n".join(searchable_lines(data))
        for quad in ox.parse(lines, format=ox.RdfFormat.N_QUADS):
            if isinstance(quad.graph_name, ox.NamedNode):
                found.setdefault(quad.graph_name.value, []).append(quad)
        self.update(found)

    def finish(self, store: QueryStore) -> None:
        """End a build: index the graphs of the store it was not given, drop those the
        store no longer has, and clear the mark of `begin`."""
        with self._writer() as db:
            indexed = {r[0] for r in db.execute("SELECT iri FROM graphs")}
            names = _graph_names(store)
            for gone in indexed - names:
                remove(db, gone)
            Rows(db).replace(_read_whole(store, names - indexed), {})
            _put(db, "writing", "0")

    def ensure(self, store: QueryStore) -> bool:
        """Make the index agree with ``store`` after a killed build, a store built before
        the index existed, or graphs written by other means: read every graph's
        searchable statements and index again those whose digest differs. Cheap when
        the index is clean and holds the store's graphs. Whether anything was read."""
        if self.path.exists() and self._clean(store):
            return False
        with self._writer() as db:
            names = _graph_names(store)
            digests = dict(db.execute("SELECT iri, digest FROM graphs").fetchall())
            for gone in set(digests) - names:
                remove(db, gone)
            Rows(db).replace(_read(store, names), digests)
            _put(db, "writing", "0")
        return True

    def _clean(self, store: QueryStore) -> bool:
        """Whether the index holds ``store``'s graphs and no build is writing it. An index
        SQLite cannot read (the machine stopped while a build wrote it unsynced) is
        removed, to be made again from the store."""
        try:
            with closing(self.reader()) as db:
                return (
                    _get(db, "version") == VERSION
                    and _get(db, "writing") == "0"
                    and {r[0] for r in db.execute("SELECT iri FROM graphs")} == _graph_names(store)
                )
        except sqlite3.DatabaseError:
            for path in (self.path, self.path.with_name(self.path.name + "-journal")):
                path.unlink(missing_ok=True)
            return False


def _get(db: sqlite3.Connection, key: str) -> str | None:
    try:
        row = db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:  # no such table: an empty index
        return None
    return None if row is None else str(row[0])


def _put(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))


def _restart(db: sqlite3.Connection) -> None:
    """Empty an index of another version (or a new one), marked as not in step."""
    with db:
        for table in ("graphs", "resources", "texts", "sources", "words"):
            db.execute(f"DELETE FROM {table}")
        _put(db, "version", VERSION)
        _put(db, "writing", "1")


def _graph_names(store: QueryStore) -> set[str]:
    return {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}


def _read(store: QueryStore, names: set[str]) -> dict[str, Searchable]:
    """The searchable statements of each graph in ``names``, from the store."""
    triples: dict[str, list[tuple[object, object, object]]] = defaultdict(list)
    for predicate in PREDICATES:
        for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in names:
                triples[q.graph_name.value].append((q.subject, q.predicate, q.object))
    return {name: Searchable.of(triples.get(name, ())) for name in names}


def _read_whole(store: QueryStore, names: set[str]) -> dict[str, Searchable]:
    """The searchable statements of each graph in ``names``, in the order of their names
    (one query per graph)."""
    found = {}
    for name in sorted(names):
        quads = store.quads_for_pattern(None, None, None, ox.NamedNode(name))
        found[name] = Searchable.of((q.subject, q.predicate, q.object) for q in quads)
    return found
