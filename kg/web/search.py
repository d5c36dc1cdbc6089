"""Search over titles, names, places and section texts, Danish-aware.

Words are stemmed by the Snowball Danish stemmer (definite, plural and genitive endings:
"rådhuset" and "Rådhus", "robotterne" and "robot" meet), then folded (`kg.folding.fold`:
case, accents, æ/ø/å as ae/oe/aa, so "raadhus" meets "Rådhus"). A query word also finds
the compounds it ends ("miljø" finds "iværksættermiljø") and the words it begins (the
reader may still be typing). The index is built once from the store when first used.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
import snowballstemmer

from kg.folding import fold
from kg.store.protocol import QueryStore
from kg.vocab import DCT, FOAF, MKG, PROV, RDF, RDFS, SKOS

#: Properties searched, with the weight a hit in them has.
FIELDS: dict[str, int] = {
    RDFS.label: 5,
    FOAF.name: 5,
    SKOS.altLabel: 4,
    DCT.title: 4,
    PROV.atLocation: 2,
    MKG.summary: 1,
    MKG.background: 1,
    MKG.recommendation: 1,
    MKG.decision: 1,
}
#: A query word this long or longer also finds the compounds that end with it.
COMPOUND_HEAD = 4
_WORD = re.compile(r"[^\W_]+")
_STEMMERS = threading.local()


def _stemmer() -> snowballstemmer.stemmer:
    """This thread's Danish stemmer (a stemmer keeps state while it works)."""
    found = getattr(_STEMMERS, "danish", None)
    if found is None:
        found = _STEMMERS.danish = snowballstemmer.stemmer("danish")
    return found


def stem(word: str) -> str:
    """A word's stem, folded.

    >>> stem("Rådhuset"), stem("rådhus"), stem("raadhuset")
    ('raadhus', 'raadhus', 'raadhus')
    >>> stem("iværksættermiljøet"), stem("Iværksættermiljø"), stem("robotterne")
    ('ivaerksaettermiljoe', 'ivaerksaettermiljoe', 'robot')
    """
    return fold(str(_stemmer().stemWord(word.casefold())))


def terms(text: str) -> list[str]:
    """The stems of the words of a text."""
    return [stem(w) for w in _WORD.findall(text)]


def _terms(text: str, stems: dict[str, str]) -> list[str]:
    """`terms`, remembering in ``stems`` the stem of each word met."""
    found = []
    for word in _WORD.findall(text):
        cut = stems.get(word)
        if cut is None:
            cut = stems[word] = stem(word)
        found.append(cut)
    return found


def _distinct(store: QueryStore, pattern: str) -> list[tuple[ox.NamedNode | ox.BlankNode, object]]:
    """The distinct (?s, ?o) of one triple pattern over the default graph, in store
    order."""
    results = store.query(f"SELECT DISTINCT ?s ?o WHERE {{ {pattern} }}")
    assert isinstance(results, ox.QuerySolutions)
    return [(s, o) for s, o in results if isinstance(s, ox.NamedNode | ox.BlankNode)]


def _same(query: str, word: str) -> bool:
    """A query stem finds a word stem equal to it, one it begins (the reader may still be
    typing), or a compound it ends ("miljoe" / "ivaerksaettermiljoe").

    >>> _same("miljoe", "ivaerksaettermiljoe"), _same("raadhus", "raadhusal")
    (True, True)
    >>> _same("hus", "raadhus")  # too short to be the head of a compound
    False
    """
    return word.startswith(query) or (len(query) >= COMPOUND_HEAD and word.endswith(query))


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str
    types: tuple[str, ...]
    score: int
    snippet: str
    #: The languages of the label and of the snippet's text ("" when untagged).
    lang: str = ""
    text_lang: str = ""


@dataclass
class SearchIndex:
    """Stems to the resources (and weights) they occur in."""

    postings: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    labels: dict[str, str] = field(default_factory=dict)
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    texts: dict[str, str] = field(default_factory=dict)
    langs: dict[str, str] = field(default_factory=dict)
    text_langs: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, store: QueryStore) -> SearchIndex:
        """The index of every searchable literal in the store (all graphs)."""
        index = cls()
        stems: dict[str, str] = {}  # each distinct word is folded and cut once
        for prop, weight in FIELDS.items():
            for subject, literal in _distinct(store, f"?s <{prop}> ?o"):
                if not isinstance(subject, ox.NamedNode) or not isinstance(literal, ox.Literal):
                    continue
                iri, value = subject.value, literal.value
                if prop in (RDFS.label, FOAF.name):
                    if index.labels.setdefault(iri, value) == value:
                        index.langs.setdefault(iri, literal.language or "")
                elif (
                    prop not in (SKOS.altLabel, DCT.title, PROV.atLocation)
                    and index.texts.setdefault(iri, value) == value
                ):
                    index.text_langs.setdefault(iri, literal.language or "")
                for word in set(_terms(value, stems)):
                    postings = index.postings[word]
                    postings[iri] = max(postings.get(iri, 0), weight)
        # one query for all types (a remote store answers it in one request)
        for typed, kind in _distinct(store, f"?s <{RDF.type}> ?o"):
            if (
                isinstance(typed, ox.NamedNode)
                and typed.value in index.labels
                and isinstance(kind, ox.NamedNode)
            ):
                index.types[typed.value].add(kind.value)
        return index

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        """Resources where every word of ``query`` occurs, best first."""
        wanted = terms(query)
        if not wanted:
            return []
        scores: dict[str, int] | None = None
        for word in wanted:
            found: dict[str, int] = {}
            for key, postings in self.postings.items():
                if _same(word, key):
                    for subject, weight in postings.items():
                        found[subject] = max(found.get(subject, 0), weight)
            scores = (
                found
                if scores is None
                else {s: scores[s] + w for s, w in found.items() if s in scores}
            )
        ranked = sorted(
            (scores or {}).items(), key=lambda kv: (-kv[1], self.labels.get(kv[0], kv[0]))
        )
        return [
            self._hit(subject, score, wanted)
            for subject, score in ranked[:limit]
            if subject in self.labels
        ]

    def _hit(self, subject: str, score: int, wanted: list[str]) -> Hit:
        text = self.texts.get(subject, "")
        snippet = ""
        for match in _WORD.finditer(text):
            if any(_same(w, stem(match.group())) for w in wanted):
                start = max(0, match.start() - 60)
                snippet = (
                    ("…" if start else "")
                    + text[start : match.end() + 100].replace("\n", " ")
                    + "…"
                )
                break
        return Hit(
            subject,
            self.labels[subject],
            tuple(sorted(self.types.get(subject, ()))),
            score,
            snippet,
            self.langs.get(subject, ""),
            self.text_langs.get(subject, "") if snippet else "",
        )
