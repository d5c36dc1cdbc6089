"""Searching the index: ranked resources with a snippet of the text they matched.

A text matches when it holds every word and phrase of the query (`kg.search.words`).
Resources are ranked by their best matching text: first by its field's tier (a name,
then a title, a place, a section's text), then by its length (the shorter the text, the
more of it the query is); the texts of one page are then ordered within their tier by
FTS5's BM25 score. Both orders come from the row ids (`kg.search.rows.row_id`), so a
search reads no row but those of the page it shows, and counts the resources found from
the FTS5 table alone: a common word at 10,000 documents costs milliseconds, not a BM25
score for each of its tens of thousands of texts. Results are resources, not texts: a
resource stated by several documents is found once.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection, Sequence
from contextlib import closing
from dataclasses import dataclass

from kg.errors import QueryError
from kg.search import rank
from kg.search.fields import Field
from kg.search.index import SearchIndex
from kg.search.rows import RESOURCE_MASK, RESOURCE_SHIFT, TIER_SHIFT
from kg.search.words import WORD, Query, finds, stem
from kg.store.queries import NamedQuery

#: Characters of text shown before the first matched word, and in all.
SNIPPET_BEFORE = 60
SNIPPET_LENGTH = 220
#: The most resources a named query is given (the best ranked).
FOUND_MOST = 100
#: The fields a hit's label is taken from, best first.
_LABELS = (Field.LABEL, Field.NAME, Field.TITLE, Field.ALT_LABEL)
_SPACE = re.compile(r"\s+")
_RESOURCE = f"((rowid >> {RESOURCE_SHIFT}) & {RESOURCE_MASK})"


@dataclass(frozen=True)
class Snippet:
    """A piece of a text: (words, matched) parts; it may start or end inside the text."""

    parts: tuple[tuple[str, bool], ...]
    lang: str
    cut_before: bool
    cut_after: bool

    @property
    def text(self) -> str:
        return "".join(p for p, _ in self.parts)


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str
    #: The best text's field and BM25 score (higher is better).
    field: Field
    score: float
    snippet: Snippet | None
    #: The label's language ("" when untagged).
    lang: str = ""


@dataclass(frozen=True)
class Results:
    """One page of a search's results, and how many resources match in all."""

    hits: tuple[Hit, ...]
    total: int


def _expression(query: Query, fields: Collection[Field]) -> str:
    """The FTS5 expression of ``query``, in ``fields`` only when given (their keys are
    the index's own words, never the reader's)."""
    text = query.fts()
    if fields:
        text = f"({' OR '.join(f'field : {f.key}' for f in fields)}) AND {text}"
    return text


def _best(db: sqlite3.Connection, match: str, count: int) -> list[tuple[int, int]]:
    """The first ``count`` resources in ranking order: (resource number, best row id)."""
    best: dict[int, int] = {}
    rows = db.execute("SELECT rowid FROM words WHERE words MATCH ? ORDER BY rowid", (match,))
    for (rowid,) in rows:
        best.setdefault((rowid >> RESOURCE_SHIFT) & RESOURCE_MASK, rowid)
        if len(best) >= count:
            break
    return list(best.items())


def find(
    index: SearchIndex, text: str, *, fields: Collection[Field] = (), most: int = FOUND_MOST
) -> list[str]:
    """The IRIs of the resources whose texts (in ``fields``, or any) match ``text``,
    best first, ``most`` at most; none for a query with no words."""
    query = Query.parse(text)
    if query.empty or not index.path.exists():
        return []
    with closing(index.reader()) as db:
        best = _best(db, _expression(query, fields), most)
        iris = _iris(db, [r for r, _ in best])
    return [iris[r] for r, _ in best if r in iris]


def found_for(query: NamedQuery, values: dict[str, str], index: SearchIndex) -> list[str] | None:
    """The resources a named query's text parameter finds (`kg.store.queries`), to be
    bound by `NamedQuery.bound`; None when the run looks nothing up."""
    words = query.searched(values)
    if words is None or query.search is None:
        return None
    fields = []
    for iri in query.search.properties:
        field = Field.of(iri)
        if field is None:
            searched = ", ".join(f.iri for f in Field)
            raise QueryError(
                f"query {query.name}: the search index holds no texts of <{iri}>",
                hint=f"its search line may name: {searched}",
            )
        fields.append(field)
    return find(index, words, fields=fields)


def search(index: SearchIndex, text: str, *, offset: int = 0, limit: int = 20) -> Results:
    """The matching resources ``offset`` to ``offset + limit``, with labels, types and
    snippets, and how many match in all."""
    query = Query.parse(text)
    if query.empty or not index.path.exists():
        return Results((), 0)
    match = _expression(query, ())
    with closing(index.reader()) as db:
        matched, total = db.execute(
            f"SELECT COUNT(*), COUNT(DISTINCT {_RESOURCE}) FROM words WHERE words MATCH ?",
            (match,),
        ).fetchone()
        page = _best(db, match, offset + limit)[offset:]
        if not page:
            return Results((), total)
        scores = _scores(db, index, query, [rowid for _, rowid in page], matched)
        iris = _iris(db, [r for r, _ in page])
        ordered = sorted(page, key=lambda p: (p[1] >> TIER_SHIFT, -scores.get(p[1], 0.0), p[1]))
        shown = [(r, iris[r], rowid, scores.get(rowid, 0.0)) for r, rowid in ordered if r in iris]
        hits = _hits(db, shown, query.stems())
    return Results(hits, total)


def _scores(
    db: sqlite3.Connection, index: SearchIndex, query: Query, rowids: Sequence[int], matched: int
) -> dict[int, float]:
    """The BM25 score of each of these rows for the query (`kg.search.rank`); ``matched``
    rows match the whole query (for a query of one term, that term's count)."""
    marks = ", ".join("?" * len(rowids))
    sql = f"SELECT rowid, stems FROM words WHERE rowid IN ({marks})"
    texts = {int(r): str(stems).split() for r, stems in db.execute(sql, list(rowids))}
    terms = query.terms()
    count = "SELECT COUNT(*) FROM words WHERE words MATCH ?"
    matching = (
        [matched]
        if len(terms) == 1
        else [int(db.execute(count, (e,)).fetchone()[0]) for _, e in terms]
    )
    rows, mean = index.totals(db)
    return rank.scores(texts, [t for t, _ in terms], matching, rows, mean, finds)


def _iris(db: sqlite3.Connection, resources: Sequence[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for start in range(0, len(resources), 500):
        chunk = resources[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT id, iri FROM resources WHERE id IN ({marks})"
        found.update((int(i), str(iri)) for i, iri in db.execute(sql, chunk))
    return found


def _hits(
    db: sqlite3.Connection, page: Sequence[tuple[int, str, int, float]], terms: Sequence[str]
) -> tuple[Hit, ...]:
    """The hits of a page of (resource number, IRI, best row id, score)."""
    numbers = [p[0] for p in page]
    marks = ", ".join("?" * len(page))
    texts: dict[int, list[tuple[int, Field, str, str]]] = {n: [] for n in numbers}
    rows = db.execute(
        f"SELECT resource, id, field, lang, text FROM texts WHERE resource IN ({marks})"
        " ORDER BY id",
        numbers,
    )
    for number, rowid, key, lang, text in rows:
        field = Field.keyed(key)
        if field is not None:
            texts[number].append((rowid, field, lang, text))
    return tuple(_hit(iri, best, score, texts[number], terms) for number, iri, best, score in page)


def _hit(
    iri: str,
    best: int,
    score: float,
    texts: list[tuple[int, Field, str, str]],
    terms: Sequence[str],
) -> Hit:
    """A hit: labelled by its name or title, with a snippet of the best matching text
    that is not its label (that text first, then the others in ranking order)."""
    named = sorted((t for t in texts if t[1] in _LABELS), key=lambda t: _LABELS.index(t[1]))
    label, lang = (named[0][3], named[0][2]) if named else (iri, "")
    field = next((t[1] for t in texts if t[0] == best), Field.LABEL)
    snippet = None
    for _, text_field, text_lang, text in sorted(texts, key=lambda t: (t[0] != best, t[0])):
        if text_field.names or text == label:
            continue
        snippet = snip(text, terms, text_lang)
        if snippet is not None:
            break
    return Hit(iri, label, field, score, snippet, lang)


def snip(text: str, terms: Sequence[str], lang: str = "") -> Snippet | None:
    """The piece of ``text`` around its first word that a query term finds, with every
    such word in it marked; None when no word matches.

    >>> snip("Byrådet godkendte planen for rådhuset.", ["raadhus"]).parts
    (('Byrådet godkendte planen for ', False), ('rådhuset', True), ('.', False))
    """
    matches = [m for m in WORD.finditer(text) if any(finds(t, stem(m.group())) for t in terms)]
    if not matches:
        return None
    start = max(0, matches[0].start() - SNIPPET_BEFORE)
    while 0 < start < matches[0].start() and text[start - 1].isalnum():
        start += 1  # not inside a word
    end = min(len(text), start + SNIPPET_LENGTH)
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end -= 1
    parts: list[tuple[str, bool]] = []
    at = start
    for m in matches:
        if m.start() < start or m.end() > end:
            continue
        if m.start() > at:
            parts.append((_flat(text[at : m.start()]), False))
        parts.append((m.group(), True))
        at = m.end()
    if end > at:
        parts.append((_flat(text[at:end]), False))
    return Snippet(tuple(parts), lang, start > 0, end < len(text))


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text)
