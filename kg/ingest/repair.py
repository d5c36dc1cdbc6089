"""Repair of extraction artefacts: raw lines in, normalised lines with their source span out.

One pure function, :func:`repair`, applied to every kind of source. It normalises characters
(odd spaces, curly quotes, bullets, ligatures), joins words hyphenated at a line end and
sentences broken over lines, and collapses blank lines, while never joining a section
heading of the minutes to its neighbours (see :data:`HEADINGS`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from types import MappingProxyType
from typing import NamedTuple

from kg.ingest.model import Line
from kg.language import Language, languages


class RawLine(NamedTuple):
    """One line as a source gave it: its text, 1-based page and 1-based line on that page,
    and its cells where the source marked them (an HTML table row's)."""

    text: str
    page: int
    line: int
    cells: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HeadingSet:
    """The heading lines of minutes in one language, which line joining must leave alone.

    ``sections`` are whole-line headings (an optional trailing colon is allowed);
    ``labels`` start a header line that carries a value ("Tilstede: ..."); a label ending
    in a letter must be followed by a non-letter; ``item_markers`` are the open/closed words
    of an agenda item heading "N (Marker) Title".
    """

    language: str
    sections: tuple[str, ...]
    labels: tuple[str, ...]
    item_markers: tuple[str, ...]


def headings_of(lang: Language) -> HeadingSet:
    """The headings of a language's minutes that line joining leaves alone: every section
    heading and contents heading of `kg.language`, its protected labels, its item marks."""
    sections = sorted({*lang.section_words, *lang.contents_words}, key=lambda w: (-len(w), w))
    marks = sorted({*lang.open_words, *lang.closed_words}, key=lambda w: (-len(w), w))
    return HeadingSet(
        language=lang.code,
        sections=tuple(sections),
        labels=lang.protected_labels,
        item_markers=tuple(marks),
    )


#: The heading sets :func:`repair` protects, one per language.
HEADINGS: tuple[HeadingSet, ...] = tuple(headings_of(lang) for lang in languages())

#: Words after which a line-end hyphen is a suspended compound ("social- og sundhed").
CONJUNCTIONS = frozenset({"og", "eller", "samt", "and", "or", "och", "und", "oder", "sowie"})

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
#: Per-character translation: controls dropped, odd spaces and tabs to a space, curly
#: quotes to straight ones, ligatures spelt out, zero-width characters dropped.
_CHARS = MappingProxyType(
    {
        **dict.fromkeys((*range(0x00, 0x20), *range(0x7F, 0xA0))),
        **{ord(c): " " for c in _SPACES + "\u202f\u205f\u3000\t\v\f"},
        **{ord(c): None for c in "\u200b\u2060\ufeff"},
        **{ord(c): '"' for c in "\u201c\u201d\u201e\u201f"},
        **{ord(c): "'" for c in "\u2018\u2019\u201a\u201b"},
        0xFB00: "ff",
        0xFB01: "fi",
        0xFB02: "fl",
        0xFB03: "ffi",
        0xFB04: "ffl",
        0xFB05: "st",
        0xFB06: "st",
    }
)
#: Any of the characters `_CHARS` translates.
_ODD_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CHARS)) + "]")
_SOFT_HYPHEN = "\u00ad"
_BULLET = re.compile(r"^(?:[•◦▪▫●○■□·‣⁃∙➢►\uf000-\uf0ff] *|[–—] +)")
_RUNS = re.compile(r" {2,}")
#: A list item's opening: a dash, "1." or "1)", "a)", or "a." before a capital ("a. Approval
#: of minutes"; "f. eks." goes on a sentence).
_LIST_ITEM = re.compile(
    r"^(?:- |-(?=[^\W\d_])|\d{1,3}[.)](?: |$)|[a-zæøå]\) |[a-zæøå]\. (?=[A-ZÆØÅ]))"
)
_HYPHEN_END = re.compile(r"(?P<word>[^\W\d_]+)-$")
_CLOSERS = "\"')]»"


class _Piece(NamedTuple):
    """A cleaned raw line, or a run of raw lines joined so far (a named tuple: a document
    makes one for each line, which a frozen dataclass made four times slower)."""

    text: str
    page: int
    first: int
    last: int
    heading: bool
    trailing: bool
    soft: bool
    #: The source lines joined so far: (line number, cleaned text).
    parts: tuple[tuple[int, str], ...] = ()
    #: A table row's cells (`Line.cells`); a joined piece has none.
    cells: tuple[str, ...] = ()


def repair(
    raw: Iterable[RawLine | tuple[str, int, int]] | Iterable[RawLine],
    *,
    headings: Sequence[HeadingSet] = HEADINGS,
) -> tuple[Line, ...]:
    """Normalised lines from raw ``(text, page, line)`` rows, each with its source span.

    >>> [line.text for line in repair([("• Møde i kommu-", 1, 1), ("nen ", 1, 2), ("", 1, 3)])]
    ['- Møde i kommunen']
    """
    clean = _cleaner(tuple(headings))
    pieces = []
    for row in raw:
        text, page, number = row[0], row[1], row[2]
        cleaned, heading, trailing, soft = clean(text)
        cells: tuple[str, ...] = ()
        if len(row) > 3 and row[3]:  # an HTML table row's cells
            cells = tuple(map(clean_text, row[3]))
        elif "\t" in text or "   " in text:
            cells = _cells(text)
        pieces.append(
            _Piece(
                cleaned, page, number, number, heading, trailing, soft, ((number, cleaned),), cells
            )
        )
    return _trim_blanks(_join(pieces))


#: What sets a text line's cells apart: tabs, or a gap of three spaces or more.
_CELL_GAP = re.compile(r"\t| {3,}")


def _cells(text: str) -> tuple[str, ...]:
    """A raw text line's cells, where tabs or wide gaps set two or more apart.

    >>> _cells("Anne-Mette Juhl\\tRavnsholm\\tFormand\\tTil stede")
    ('Anne-Mette Juhl', 'Ravnsholm', 'Formand', 'Til stede')
    >>> _cells("Mødested:   Rådhuset"), _cells("  Referat   ")
    (('Mødested:', 'Rådhuset'), ())
    """
    cells = tuple(clean_text(p) for p in _CELL_GAP.split(text.strip()))
    return cells if sum(1 for c in cells if c) >= 2 else ()  # empty cells keep their places


def heading_pattern(headings: Sequence[HeadingSet] = HEADINGS) -> re.Pattern[str]:
    """A pattern that matches (from the start of a line) a line that is one of the headings.

    >>> bool(heading_pattern().match("2 (Åben) Eventuelt"))
    True
    """
    return _heading_pattern(tuple(headings))


@lru_cache(maxsize=8)  # made once, not for each document
def _heading_pattern(headings: tuple[HeadingSet, ...]) -> re.Pattern[str]:
    sections = [re.escape(s) for h in headings for s in h.sections]
    labels = [_label(label) for h in headings for label in h.labels]
    markers = [re.escape(m) for h in headings for m in h.item_markers]
    alternatives = [
        rf"(?:{'|'.join(sections)})\s*:?$" if sections else "",
        "|".join(labels),
        rf"\d{{1,3}}\.?\s*\((?:{'|'.join(markers)})\)" if markers else "",
    ]
    union = "|".join(f"(?:{a})" for a in alternatives if a)
    return re.compile(union or r"(?!)", re.IGNORECASE)


def _label(label: str) -> str:
    """A label's regex: a label ending in a letter must not run on into a longer word."""
    return re.escape(label) + (r"(?!\w)" if label[-1].isalnum() else "")


def clean_text(text: str) -> str:
    """One line's characters normalised: spaces, quotes, ligatures, bullets, no controls.

    >>> clean_text("  •\u00a0“Vi skaber”\tmetoder  ")
    '- "Vi skaber" metoder'
    """
    return _tidy(_translated(unicodedata.normalize("NFC", text)))


def _translated(text: str) -> str:
    """``text`` through `_CHARS`, when it holds any of its characters (few lines do)."""
    return text.translate(_CHARS) if _ODD_CHARS.search(text) else text


def _tidy(text: str) -> str:
    """Translated text without soft hyphens, runs of spaces or edge spaces; bullets as "- "."""
    text = _BULLET.sub("- ", text.replace(_SOFT_HYPHEN, "").strip(" "))
    return (_RUNS.sub(" ", text) if "  " in text else text).strip(" ")


@lru_cache(maxsize=8)
def _cleaner(headings: tuple[HeadingSet, ...]) -> Callable[[str], tuple[str, bool, bool, bool]]:
    """`_clean` with these headings' pattern, remembering the lines it has cleaned."""
    return lru_cache(maxsize=1 << 14)(partial(_clean, pattern=_heading_pattern(headings)))


def _clean(raw: str, pattern: re.Pattern[str]) -> tuple[str, bool, bool, bool]:
    """A raw line's text cleaned, with what joining needs to know about it: whether it is
    a heading, ended in spaces, ended in a soft hyphen (a pure function of the text:
    minutes repeat their lines, labels and headings, from one document to the next)."""
    body = _translated(unicodedata.normalize("NFC", raw))
    stripped = body.rstrip(" ")
    text = _tidy(stripped)
    heading = bool(text) and pattern.match(text) is not None
    return text, heading, len(stripped) < len(body), stripped.endswith(_SOFT_HYPHEN)


def _join(pieces: list[_Piece]) -> list[_Piece]:
    """Pieces with broken sentences and hyphenated words joined; blanks crossed are dropped."""
    out: list[_Piece] = []
    i = 0
    while i < len(pieces):
        current = pieces[i]
        i += 1
        while current.text:
            j = i
            while j < len(pieces) and not pieces[j].text and j - i < 2:
                j += 1
            if j >= len(pieces) or not pieces[j].text:
                break
            joined = _joined(current, pieces[j], gap=j - i)
            if joined is None:
                break
            current, i = joined, j + 1
        out.append(current)
    return out


def _joined(current: _Piece, following: _Piece, *, gap: int) -> _Piece | None:
    """``current`` with ``following`` joined on, or None when they stay separate lines."""
    if (
        gap > 1
        or current.page != following.page
        or current.heading
        or following.heading
        or _LIST_ITEM.match(following.text)
    ):
        return None
    crosses = gap == 0 or following.text[0].islower()
    text = _dehyphenated(current, following.text) if crosses else None
    if current.text == "-" and gap == 0:
        text = f"- {following.text}"
    if text is None and _continues(current, following.text, gap=gap):
        text = f"{current.text} {following.text}"
    if text is None:
        return None
    return current._replace(
        text=text,
        last=following.last,
        trailing=following.trailing,
        soft=following.soft,
        parts=current.parts + following.parts,
        cells=(),
    )


def _continues(current: _Piece, following: str, *, gap: int) -> bool:
    """Whether ``following`` (after ``gap`` blank lines) continues the sentence of ``current``."""
    if following[0].islower():
        return gap == 0 or not _ends_sentence(current.text)
    if gap or _heading_like(following):
        return False
    # A line that ends in a space and is followed directly by more text was wrapped by
    # the PDF's layout, even where the wrap falls after a full stop: paragraphs are
    # separated by a gap, which PDF extraction keeps as a blank line.
    return current.trailing or current.text.endswith(",")


def _dehyphenated(current: _Piece, following: str) -> str | None:
    """The two lines as one when ``current`` ends with a hyphenated word, else None.

    The hyphen goes ("kommu-" "nen" → "kommunen") except before a conjunction ("social-"
    "og" → "social- og"), a capital ("Boysen-" "Kleist") or after an acronym ("IT-").
    """
    if not following[0].isalpha():
        return None
    if current.soft:
        return current.text + following
    match = _HYPHEN_END.search(current.text)
    if match is None:
        return None
    next_word = following.split(" ", 1)[0].rstrip(".,;:").lower()
    if next_word in CONJUNCTIONS:
        return f"{current.text} {following}"
    word = match["word"]
    if following[0].isupper() or len(word) == 1 or word.isupper():
        return current.text + following
    return current.text[:-1] + following


def _ends_sentence(text: str) -> bool:
    """Whether the text ends with . : ! or ? (before any closing quotes or brackets)."""
    return text.rstrip(_CLOSERS).endswith((".", ":", "!", "?"))


def _heading_like(text: str) -> bool:
    """A short capitalised line without closing punctuation, like a heading of its own."""
    return (
        text[0].isupper()
        and len(text) <= 50
        and len(text.split()) <= 5
        and not text.endswith((".", ",", ";", "!", "?"))
    )


def _trim_blanks(pieces: list[_Piece]) -> tuple[Line, ...]:
    """Lines with runs of blank lines made one, and no blank line first or last."""
    lines: list[Line] = []
    for piece in pieces:
        blank = not piece.text
        if blank and (not lines or not lines[-1].text):
            if lines and lines[-1].page == piece.page:
                lines[-1] = Line("", piece.page, lines[-1].first, piece.last)
            continue
        parts = piece.parts if len(piece.parts) > 1 else ()
        lines.append(Line(piece.text, piece.page, piece.first, piece.last, parts, piece.cells))
    while lines and not lines[-1].text:
        lines.pop()
    return tuple(lines)
