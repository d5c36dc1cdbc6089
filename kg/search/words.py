"""Words as the search index holds them, and a reader's query as a safe FTS5 expression.

A word is cut to its stem by the Snowball Danish stemmer (definite, plural and genitive
endings: "rådhuset" and "Rådhus", "robotterne" and "robot" meet), then folded
(`kg.folding.fold`: case, accents, æ/ø/å as ae/oe/aa, so "raadhus" meets "Rådhus").
SQLite's FTS5 cannot be given a tokenizer from Python, so the index holds each text's
stems, and the original for display.

A query word finds the stems it begins (the reader may still be typing) and, when it is
at least `COMPOUND_HEAD` letters long, the compounds it ends ("miljø" finds
"iværksættermiljø"): the index also holds each stem reversed, where an ending is a
beginning. Words in double quotes are a phrase. Nothing the reader types becomes FTS5
syntax: every word is reduced to letters and digits and written as a quoted string.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from kg.folding import fold

#: A query word this long or longer also finds the compounds that end with it.
COMPOUND_HEAD = 4
#: A query word this long or longer also finds the words it begins.
PREFIX_FROM = 3
#: How much of a query is read: its first characters and words (a query is typed).
QUERY_CHARS = 400
QUERY_WORDS = 12
WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"')
_STEMMERS = threading.local()


def _stemmer() -> snowballstemmer.stemmer:
    """This thread's Danish stemmer (a stemmer keeps state while it works)."""
    found = getattr(_STEMMERS, "danish", None)
    if found is None:
        found = _STEMMERS.danish = snowballstemmer.stemmer("danish")
    return found


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A word's stem, folded.

    >>> stem("Rådhuset"), stem("rådhus"), stem("raadhuset")
    ('raadhus', 'raadhus', 'raadhus')
    >>> stem("iværksættermiljøet"), stem("Iværksættermiljø"), stem("robotterne")
    ('ivaerksaettermiljoe', 'ivaerksaettermiljoe', 'robot')
    """
    return fold(str(_stemmer().stemWord(word.casefold())))


def stems(text: str) -> list[str]:
    """The stems of the words of a text, in order."""
    return [s for s in (stem(w) for w in WORD.findall(text)) if s]


def indexed(text: str) -> tuple[str, str]:
    """What the index holds of a text: its stems, and those that may hold a compound's
    head, reversed (see the module)."""
    found = stems(text)
    tails = [s[::-1] for s in found if len(s) > COMPOUND_HEAD]
    return " ".join(found), " ".join(tails)


def finds(query: str, word: str) -> bool:
    """A query stem finds a word stem equal to it, one it begins, or a compound it ends.

    >>> finds("miljoe", "ivaerksaettermiljoe"), finds("raadhus", "raadhusal")
    (True, True)
    >>> finds("hus", "raadhus")  # too short to be the head of a compound
    False
    """
    if len(query) < PREFIX_FROM:
        return word == query
    return word.startswith(query) or (len(query) >= COMPOUND_HEAD and word.endswith(query))


@dataclass(frozen=True)
class Query:
    """A reader's query: single words and phrases, as stems."""

    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]

    @classmethod
    def parse(cls, text: str) -> Query:
        """The words and the quoted phrases of ``text`` (its first `QUERY_CHARS`
        characters, `QUERY_WORDS` words at most); whatever else it holds is dropped.

        >>> Query.parse('"Gentofte rådhus" klimaplanerne OR -*')
        Query(words=('klimaplan', 'or'), phrases=(('gentoft', 'raadhus'),))
        """
        text = text[:QUERY_CHARS]
        phrases = []
        budget = QUERY_WORDS
        for match in _PHRASE.finditer(text):
            found = tuple(stems(match.group(1)))[:budget]
            budget -= len(found)
            if len(found) > 1:
                phrases.append(found)
            elif found:  # one word in quotes is a word
                text += f" {match.group(1)}"
        rest = _PHRASE.sub(" ", text)
        words = tuple(dict.fromkeys(stems(rest)))[: max(budget, 0)]
        return cls(words, tuple(phrases))

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases

    def stems(self) -> tuple[str, ...]:
        """Every stem asked for, for marking the words a text matched."""
        return self.words + tuple(s for phrase in self.phrases for s in phrase)

    def terms(self) -> list[tuple[tuple[str, ...], str]]:
        """Each word (one stem) and phrase (several), with its FTS5 expression."""
        found = [((w,), _word(w)) for w in self.words]
        return found + [(p, f"(stems : {_quoted(' '.join(p))})") for p in self.phrases]

    def fts(self) -> str:
        """The query as an FTS5 expression: every word and phrase must match (a phrase
        exactly, a word as `finds` says). Only quoted strings of stems, never the
        reader's own text.

        >>> Query.parse("miljøet by").fts()
        '(stems : "miljoe"* OR tails : "eojlim"*) AND (stems : "by")'
        """
        return " AND ".join(expression for _, expression in self.terms())


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _word(word: str) -> str:
    if len(word) < PREFIX_FROM:
        return f"(stems : {_quoted(word)})"
    tail = f" OR tails : {_quoted(word[::-1])}*" if len(word) >= COMPOUND_HEAD else ""
    return f"(stems : {_quoted(word)}*{tail})"
