"""The search index: an SQLite FTS5 database beside the store, kept by the build.

One row per searchable text (`kg.search.fields`): the resource, the field, the language
and the original text, with the graphs that state it (a text stated by two documents is
one row, as the default graph is their set union), and in the FTS5 table the text's stems
and field (see `kg.search.words`). A row's id orders the rows as the ranking wants them
(`row_id`): by the field's tier, then by the text's length in words, and holds the
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

import hashlib
import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import closing, contextmanager
from pathlib import Path

import pyoxigraph as ox

from kg.search.fields import PREDICATES, Field, Searchable, Text, digest, searchable_lines
from kg.search.words import COMPOUND_HEAD, PREFIX_FROM, indexed
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
#: How a row id is made (`row_id`): bits for the slot, the resource, the length, the tier.
SLOT_BITS, RESOURCE_BITS, LENGTH_BITS = 12, 36, 8
RESOURCE_SHIFT = SLOT_BITS
LENGTH_SHIFT = RESOURCE_SHIFT + RESOURCE_BITS
TIER_SHIFT = LENGTH_SHIFT + LENGTH_BITS
RESOURCE_MASK = (1 << RESOURCE_BITS) - 1


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
        """A connection that writes, in one transaction committed at the end."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path, timeout=60)) as db:
            db.executescript(_SCHEMA)
            if _get(db, "version") != VERSION:
                _restart(db)
            with db:
                yield db
                rows, mean = db.execute(
                    f"SELECT COUNT(*), AVG((rowid >> {LENGTH_SHIFT}) & {(1 << LENGTH_BITS) - 1})"
                    " FROM words"
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
        with self._writer() as db:
            for iri, quads in graphs.items():
                found = Searchable.of((q.subject, q.predicate, q.object) for q in quads)
                if _held(db, iri) != found.digest:
                    _replace(db, iri, found)

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
            held = {r[0] for r in db.execute("SELECT iri FROM graphs")}
            names = _graph_names(store)
            for gone in held - names:
                _remove(db, gone)
            _read_into(db, store, names - held)
            _put(db, "writing", "0")

    def ensure(self, store: QueryStore) -> bool:
        """Make the index agree with ``store`` after a killed build, a store built before
        the index existed, or graphs written by other means: read every graph's
        searchable statements and index again those whose digest differs. Cheap when
        the index is clean and holds the store's graphs. Whether anything was read."""
        if self.path.exists():
            with closing(self.reader()) as db:
                clean = (
                    _get(db, "version") == VERSION
                    and _get(db, "writing") == "0"
                    and {r[0] for r in db.execute("SELECT iri FROM graphs")} == _graph_names(store)
                )
            if clean:
                return False
        with self._writer() as db:
            names = _graph_names(store)
            held = dict(db.execute("SELECT iri, digest FROM graphs").fetchall())
            for gone in set(held) - names:
                _remove(db, gone)
            found = _read(store, names)
            for iri, searchable in found.items():
                if held.get(iri) != searchable.digest:
                    _replace(db, iri, searchable)
            _put(db, "writing", "0")
        return True


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


def _held(db: sqlite3.Connection, graph: str) -> str | None:
    row = db.execute("SELECT digest FROM graphs WHERE iri = ?", (graph,)).fetchone()
    return None if row is None else str(row[0])


def _remove(db: sqlite3.Connection, graph: str) -> None:
    """Take graph ``graph`` out: the texts no other graph states go."""
    ids = [r[0] for r in db.execute("SELECT text FROM sources WHERE graph = ?", (graph,))]
    db.execute("DELETE FROM sources WHERE graph = ?", (graph,))
    for text in ids:
        if db.execute("SELECT 1 FROM sources WHERE text = ? LIMIT 1", (text,)).fetchone():
            continue
        db.execute("DELETE FROM words WHERE rowid = ?", (text,))
        db.execute("DELETE FROM texts WHERE id = ?", (text,))
    db.execute("DELETE FROM graphs WHERE iri = ?", (graph,))


def _replace(db: sqlite3.Connection, graph: str, searchable: Searchable) -> None:
    """Hold ``searchable`` as graph ``graph``'s rows, in place of any earlier."""
    _remove(db, graph)
    for text in searchable.texts:
        found = _text_id(db, text)
        if found is not None:
            db.execute("INSERT OR IGNORE INTO sources (text, graph) VALUES (?, ?)", (found, graph))
    db.execute("INSERT INTO graphs (iri, digest) VALUES (?, ?)", (graph, searchable.digest))


def _text_id(db: sqlite3.Connection, text: Text) -> int | None:
    """The row of ``text``, made when new; None when its resource has no free row id
    left in that place of the ranking (4,096 texts of one length in one tier)."""
    row = db.execute("SELECT id FROM resources WHERE iri = ?", (text.iri,)).fetchone()
    resource = (
        row[0]
        if row
        else db.execute("INSERT INTO resources (iri) VALUES (?)", (text.iri,)).lastrowid
    )
    assert resource is not None
    key = hashlib.sha1(f"{text.field.key}\0{text.lang}\0{text.text}".encode()).hexdigest()
    row = db.execute(
        "SELECT id FROM texts WHERE resource = ? AND hash = ?", (resource, key)
    ).fetchone()
    if row:
        return int(row[0])
    stems, tails = indexed(text.text)
    first = row_id(text.field, stems.count(" ") + 1 if stems else 0, resource, 0)
    last = db.execute(
        "SELECT MAX(id) FROM texts WHERE id BETWEEN ? AND ?",
        (first, first + (1 << SLOT_BITS) - 1),
    ).fetchone()[0]
    new = first if last is None else last + 1
    if new >= first + (1 << SLOT_BITS):
        return None
    db.execute(
        "INSERT INTO texts (id, resource, field, lang, text, hash) VALUES (?, ?, ?, ?, ?, ?)",
        (new, resource, text.field.key, text.lang, text.text, key),
    )
    db.execute(
        "INSERT INTO words (rowid, stems, tails, field) VALUES (?, ?, ?, ?)",
        (new, stems, tails, text.field.key),
    )
    return new


def row_id(field: Field, length: int, resource: int, slot: int) -> int:
    """The id of a text's row: ids in ascending order are the texts in the ranking's
    order (tier, then the shorter text first), and ``id >> RESOURCE_SHIFT &
    RESOURCE_MASK`` is the resource's number."""
    length = min(length, (1 << LENGTH_BITS) - 1)
    return (
        (field.tier << TIER_SHIFT)
        | (length << LENGTH_SHIFT)
        | ((resource & RESOURCE_MASK) << RESOURCE_SHIFT)
        | slot
    )


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


def _read_into(db: sqlite3.Connection, store: QueryStore, names: set[str]) -> None:
    """Index graphs ``names`` as the store holds them (one query per graph)."""
    for name in sorted(names):
        graph = ox.NamedNode(name)
        quads = store.quads_for_pattern(None, None, None, graph)
        _replace(db, name, Searchable.of((q.subject, q.predicate, q.object) for q in quads))
