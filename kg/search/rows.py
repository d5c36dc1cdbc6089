"""The rows of the search index and how a transaction writes them (`kg.search.index`).

A graph's texts are written by `Rows`, one per transaction: it looks up the resources
and texts of a whole batch of graphs with a few queries, keeps what it has read or made
in memory for the rest of the transaction, and inserts the new rows with one
``executemany`` per table. The rows, their ids and the order in which they are made are
those that writing each text alone would give (a graph after another, a text after
another), so a search ranks the same whichever way the index was written.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from kg.search.fields import Field, Searchable, Text
from kg.search.words import indexed

#: How a row id is made (`row_id`): bits for the slot, the resource, the length, the tier.
SLOT_BITS, RESOURCE_BITS, LENGTH_BITS = 12, 36, 8
RESOURCE_SHIFT = SLOT_BITS
LENGTH_SHIFT = RESOURCE_SHIFT + RESOURCE_BITS
TIER_SHIFT = LENGTH_SHIFT + LENGTH_BITS
RESOURCE_MASK = (1 << RESOURCE_BITS) - 1
#: Values bound to one ``IN (...)`` lookup (SQLite's default limit is 32,766).
_LOOKUP = 500
_T = TypeVar("_T")


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


def _key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """What a row is inserted in the order of: its table's key (an id, a source's text
    and graph, a graph's IRI), which leads it."""
    return row[:2]


def text_key(text: Text) -> str:
    """What tells two texts of one resource apart (the ``hash`` column)."""
    return hashlib.sha1(f"{text.field.key}\0{text.lang}\0{text.text}".encode()).hexdigest()


def held(db: sqlite3.Connection, graphs: Iterable[str]) -> dict[str, str]:
    """The digest the index holds of each of ``graphs`` it holds."""
    found: dict[str, str] = {}
    for part in _parts(list(graphs)):
        marks = ",".join("?" * len(part))
        found.update(db.execute(f"SELECT iri, digest FROM graphs WHERE iri IN ({marks})", part))
    return found


def remove(db: sqlite3.Connection, graph: str) -> None:
    """Take graph ``graph`` out: the texts no other graph states go."""
    ids = [r[0] for r in db.execute("SELECT text FROM sources WHERE graph = ?", (graph,))]
    db.execute("DELETE FROM sources WHERE graph = ?", (graph,))
    for text in ids:
        if db.execute("SELECT 1 FROM sources WHERE text = ? LIMIT 1", (text,)).fetchone():
            continue
        db.execute("DELETE FROM words WHERE rowid = ?", (text,))
        db.execute("DELETE FROM texts WHERE id = ?", (text,))
    db.execute("DELETE FROM graphs WHERE iri = ?", (graph,))


class Rows:
    """Writes graphs' texts within one transaction of ``db`` (see the module)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._resources: dict[str, int] = {}
        self._made: set[int] = set()  # resources made in this transaction: no texts before
        self._texts: dict[tuple[int, str], int] = {}
        self._known: set[int] = set()  # resources all of whose texts are in ``_texts``
        self._last: dict[int, int | None] = {}  # the first id of a slot range: its last
        self._next: int | None = None  # the number of the last resource made
        self._rows: dict[str, list[tuple[object, ...]]] = {
            "resources": [],
            "texts": [],
            "words": [],
            "sources": [],
            "graphs": [],
        }

    def replace(self, found: Mapping[str, Searchable], held: Mapping[str, str]) -> None:
        """Hold each graph's texts (``found``) in place of any earlier: ``held`` gives the
        digest of each graph the index holds now; one that differs is removed first, one
        that is the same is left as it is."""
        found = {g: s for g, s in found.items() if held.get(g) != s.digest}
        self._read(t for s in found.values() for t in s.texts)
        for graph, searchable in found.items():
            if graph in held:
                self.flush()  # a removal reads what is written, and may free ids
                remove(self.db, graph)
                for cached in (self._made, self._texts, self._known, self._last):
                    cached.clear()
            for text in searchable.texts:
                found_id = self._text_id(text)
                if found_id is not None:
                    self._rows["sources"].append((found_id, graph))
            self._rows["graphs"].append((graph, searchable.digest))
        self.flush()

    def flush(self) -> None:
        """Insert the rows made so far, each table's in the order of its key. The ids of
        a batch's texts are spread over the whole range (they sort by field and length
        first): FTS5 inserted in the order the texts were made, out of order, wrote many
        small segments and merged them, at 2.5 times the CPU (9.8 against 3.9 s for the
        words of 1,000 portal meetings, 24,000 rows a batch)."""
        rows = {table: sorted(made, key=_key) for table, made in self._rows.items()}
        db = self.db
        db.executemany("INSERT INTO resources (id, iri) VALUES (?, ?)", rows["resources"])
        db.executemany(
            "INSERT INTO texts (id, resource, field, lang, text, hash) VALUES (?, ?, ?, ?, ?, ?)",
            rows["texts"],
        )
        db.executemany(
            "INSERT INTO words (rowid, stems, tails, field) VALUES (?, ?, ?, ?)", rows["words"]
        )
        db.executemany("INSERT OR IGNORE INTO sources (text, graph) VALUES (?, ?)", rows["sources"])
        db.executemany("INSERT INTO graphs (iri, digest) VALUES (?, ?)", rows["graphs"])
        for made in self._rows.values():
            made.clear()

    def _read(self, texts: Iterable[Text]) -> None:
        """Read the resources of ``texts`` the index holds, and their texts."""
        iris = list(dict.fromkeys(t.iri for t in texts if t.iri not in self._resources))
        found: list[int] = []
        for part in _parts(iris):
            marks = ",".join("?" * len(part))
            for iri, number in self.db.execute(
                f"SELECT iri, id FROM resources WHERE iri IN ({marks})", part
            ):
                self._resources[iri] = number
                found.append(number)
        for numbers in _parts(found):
            marks = ",".join("?" * len(numbers))
            for resource, key, number in self.db.execute(
                f"SELECT resource, hash, id FROM texts WHERE resource IN ({marks})", numbers
            ):
                self._texts[resource, key] = number
        self._known.update(found)

    def _resource(self, iri: str) -> int:
        """The number of resource ``iri``, made when new: the next after the largest,
        as SQLite numbers a row inserted without one."""
        number = self._resources.get(iri)
        if number is None:
            if self._next is None:
                self._next = self.db.execute("SELECT MAX(id) FROM resources").fetchone()[0] or 0
            self._next += 1
            number = self._resources[iri] = self._next
            self._rows["resources"].append((number, iri))
            self._made.add(number)
            self._known.add(number)
        return number

    def _text_id(self, text: Text) -> int | None:
        """The row of ``text``, made when new; None when its resource has no free row id
        left in that place of the ranking (4,096 texts of one length in one tier)."""
        resource = self._resource(text.iri)
        key = text_key(text)
        known = self._texts.get((resource, key))
        if known is None and resource not in self._known:
            row = self.db.execute(
                "SELECT id FROM texts WHERE resource = ? AND hash = ?", (resource, key)
            ).fetchone()
            known = None if row is None else int(row[0])
        if known is not None:
            return known
        stems, tails = indexed(text.text)
        first = row_id(text.field, stems.count(" ") + 1 if stems else 0, resource, 0)
        last = self._last[first] if first in self._last else self._last_in(first, resource)
        new = first if last is None else last + 1
        if new >= first + (1 << SLOT_BITS):
            return None
        self._last[first] = new
        self._texts[resource, key] = new
        self._rows["texts"].append((new, resource, text.field.key, text.lang, text.text, key))
        self._rows["words"].append((new, stems, tails, text.field.key))
        return new

    def _last_in(self, first: int, resource: int) -> int | None:
        """The last id used in the slot range from ``first``, as the index holds it."""
        if resource in self._made:
            return None
        found = self.db.execute(
            "SELECT MAX(id) FROM texts WHERE id BETWEEN ? AND ?",
            (first, first + (1 << SLOT_BITS) - 1),
        ).fetchone()[0]
        return None if found is None else int(found)


def _parts(values: Sequence[_T]) -> Iterator[list[_T]]:
    """``values`` a lookup's worth at a time."""
    for start in range(0, len(values), _LOOKUP):
        yield list(values[start : start + _LOOKUP])
