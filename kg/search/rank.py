"""BM25 scores of a page's texts, computed from the index's counts.

FTS5's own ``bm25()`` counts, at each query, every row that each phrase matches (its
inverse document frequency) and then reads each matching row's size: for a common word
at 10,000 documents, tens of milliseconds before the first row. A page needs the scores
of its twenty texts only, so they are computed here with the same formula (Robertson's
BM25, k1 = 1.2, b = 0.75, as FTS5), from the number of rows each term matches (an FTS5
count, which reads no row), the rows' stems and the mean length the index records.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

Finds = Callable[[str, str], bool]

K1 = 1.2
B = 0.75


def idf(rows: int, matching: int) -> float:
    """The inverse document frequency of a term that ``matching`` of ``rows`` rows hold.

    >>> round(idf(1000, 10), 2), round(idf(1000, 900), 2)
    (4.56, 0.11)
    """
    return math.log((rows - matching + 0.5) / (matching + 0.5) + 1)


def frequency(term: Sequence[str], stems: Sequence[str], finds: Finds) -> int:
    """How often a term (one stem, or a phrase of several) occurs in ``stems``; ``finds``
    tells whether a query stem finds a text stem (`kg.search.words.finds`)."""
    if len(term) == 1:
        return sum(1 for s in stems if finds(term[0], s))
    width = len(term)
    return sum(
        1 for i in range(len(stems) - width + 1) if tuple(stems[i : i + width]) == tuple(term)
    )


def bm25(
    frequencies: Sequence[int], weights: Sequence[float], length: int, mean_length: float
) -> float:
    """The BM25 score of a text of ``length`` words in which each term occurs
    ``frequencies[i]`` times and weighs ``weights[i]`` (its idf). Higher is better.

    >>> bm25([1], [2.0], 5, 5.0) > bm25([1], [2.0], 50, 5.0)  # the shorter text
    True
    >>> bm25([3], [2.0], 50, 5.0) > bm25([1], [2.0], 50, 5.0)  # the more frequent
    True
    """
    norm = K1 * (1 - B + B * length / max(mean_length, 1.0))
    return sum(w * f * (K1 + 1) / (f + norm) for f, w in zip(frequencies, weights, strict=True))


def scores(
    texts: Mapping[int, Sequence[str]],
    terms: Sequence[tuple[str, ...]],
    matching: Sequence[int],
    rows: int,
    mean_length: float,
    finds: Finds,
) -> dict[int, float]:
    """The BM25 score of each text (row id: its stems) for the query's ``terms``, each
    matched by ``matching[i]`` of the index's ``rows`` rows."""
    weights = [idf(rows, m) for m in matching]
    return {
        rowid: bm25([frequency(t, stems, finds) for t in terms], weights, len(stems), mean_length)
        for rowid, stems in texts.items()
    }
