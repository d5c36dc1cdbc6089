"""Search over titles, names and section texts, Danish-aware.

Words are compared after folding case and accents, spelling æ/ø/å as ae/oe/aa (so "Rådhus"
and "raadhus" meet) and cutting common Danish endings (plural, definite, genitive: so
"robotterne" finds "robot"). The index is built once from the store when the app starts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.store.protocol import QueryStore
from kg.vocab import DCT, FOAF, MKG, RDF, RDFS, SKOS

#: Properties searched, with the weight a hit in them has.
FIELDS: dict[str, int] = {
    RDFS.label: 5,
    FOAF.name: 5,
    SKOS.altLabel: 4,
    DCT.title: 4,
    MKG.summary: 1,
    MKG.background: 1,
    MKG.recommendation: 1,
    MKG.decision: 1,
}
_ENDINGS = ("erne", "ernes", "ene", "enes", "ers", "er", "ens", "en", "ets", "et", "es", "e", "s")
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss"})


def fold(word: str) -> str:
    """A word lower-cased, with æ/ø/å spelt out and accents dropped.

    >>> fold("Rådhuset"), fold("Skolestrukturen"), fold("Café")
    ('raadhuset', 'skolestrukturen', 'cafe')
    """
    text = unicodedata.normalize("NFKD", word.casefold().translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c))


def stem(word: str) -> str:
    """A folded word without a common Danish ending (the stem keeps 3 letters at least).

    >>> stem(fold("robotterne")), stem(fold("robot")), stem(fold("varmepumper"))
    ('robott', 'robot', 'varmepump')
    """
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def terms(text: str) -> list[str]:
    """The stems of the words of a text."""
    return [stem(fold(w)) for w in re.findall(r"[^\W_]+", text)]


def _terms(text: str, stems: dict[str, str]) -> list[str]:
    """`terms`, remembering in ``stems`` the stem of each word met."""
    found = []
    for word in re.findall(r"[^\W_]+", text):
        cut = stems.get(word)
        if cut is None:
            cut = stems[word] = stem(fold(word))
        found.append(cut)
    return found


def _distinct(store: QueryStore, pattern: str) -> list[tuple[ox.NamedNode | ox.BlankNode, object]]:
    """The distinct (?s, ?o) of one triple pattern over the union of the graphs, in store
    order."""
    results = store.query(
        f"SELECT DISTINCT ?s ?o WHERE {{ {pattern} }}", use_default_graph_as_union=True
    )
    assert isinstance(results, ox.QuerySolutions)
    return [(s, o) for s, o in results if isinstance(s, ox.NamedNode | ox.BlankNode)]


def _same(query: str, word: str) -> bool:
    """A query stem finds a word stem equal to it, or a doubled-consonant form of it
    ("robot" / "robott"), or one it begins (the user may still be typing)."""
    return (
        word == query
        or word.startswith(query)
        or (len(word) == len(query) + 1 and word[:-1] == query)
    )


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str
    types: tuple[str, ...]
    score: int
    snippet: str


@dataclass
class SearchIndex:
    """Stems to the resources (and weights) they occur in."""

    postings: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    labels: dict[str, str] = field(default_factory=dict)
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    texts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, store: QueryStore) -> SearchIndex:
        """The index of every searchable literal in the store (all graphs)."""
        index = cls()
        stems: dict[str, str] = {}  # each distinct word is folded and cut once
        for prop, weight in FIELDS.items():
            # the union repeats a value once per graph stating it: the store drops repeats
            for subject, literal in _distinct(store, f"?s <{prop}> ?o"):
                if not isinstance(subject, ox.NamedNode) or not isinstance(literal, ox.Literal):
                    continue
                iri, value = subject.value, literal.value
                if prop in (RDFS.label, FOAF.name):
                    index.labels.setdefault(iri, value)
                elif prop not in (SKOS.altLabel, DCT.title):
                    index.texts.setdefault(iri, value)
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
        for match in re.finditer(r"[^\W_]+", text):
            if any(_same(w, stem(fold(match.group()))) for w in wanted):
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
        )
