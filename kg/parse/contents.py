"""A document's table of contents: where it stands and the items it lists.

Entries are read one per line ("1 (Åben) T ....4", "49. T", "åbent 1 T", "T ......3"),
or, where a mirror ran the list into one line, by the numbering itself: the longest run
of numbers that each follow the one before cuts the text into entries ("1 T 2 U 3 V").
Open/closed group headings ("Åben dagsorden", "Åbne", "Lukket dagsorden") mark the
entries after them. An entry at the very end of a cut-off text without the page number
the others have is cut off too, and left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from kg.ingest.model import Line
from kg.language import Language, fold_spaces
from kg.parse.dates import find_dates
from kg.parse.headings import _candidate, strip_page, trailing_mark

_NUMBER = re.compile(r"(?<![\w/.,:-])0*(?P<n>\d{1,3})(?=\.?\s|\s*\(|\.?$)")


@dataclass(frozen=True, slots=True)
class Entry:
    """One listed item: its number (None when the list gives none), title and mark."""

    number: int | None
    title: str
    public: bool | None
    line: Line
    #: Whether it was cut out of a list run into one line (its end may be uncertain).
    run: bool = False
    #: The case id the list gives beside it (a table's column), if any.
    case: str | None = None


@dataclass(frozen=True, slots=True)
class Contents:
    """The table of contents: its first and past-last line index, and its entries."""

    start: int
    end: int
    entries: tuple[Entry, ...]


def find_contents(lines: Sequence[Line], lang: Language) -> Contents | None:
    """The table of contents of a document, or None when it has none with entries."""
    for start, line in enumerate(lines):
        head = _contents_head(line.text, lang)
        table = False  # a table's heads without a page column: its rows must be entries
        if head is None and _column_start(lang).match(line.text):
            if is_column_row(line.text, lang, paged=True):
                head = ""  # a list with no heading but its columns' ("Punkt  Tekst  Side")
            elif line.cells and is_column_row(line.text, lang):
                head, table = "", True  # a table's ("Nr. | Titel | J.nr. | Status")
        if head is None:
            continue
        end, entries = _entries(lines, start, head, lang)
        if len(entries) >= (2 if table else 1):
            return Contents(start, end, tuple(_numbered(entries)))
    return None


#: A page's number glued to the word that opens the page.
_GLUED_PAGE = re.compile(r"^\d{1,3}(?=[A-ZÆØÅ][a-zæøå])")


def _contents_head(text: str, lang: Language) -> str | None:
    """The text after a contents heading that opens the line ("" for a heading alone),
    or None. A word that also means other things ("Dagsorden", "Punkter") opens a
    contents list only alone on its line or before a long run of entries; a page's number
    a transcript glued to it goes ("2Indholdsfortegnelse")."""
    if text[:1].isdigit() and (glued := _GLUED_PAGE.match(text)):
        text = text[glued.end() :]
    folded = fold_spaces(text)
    words = _contents_words(lang)
    if not folded.startswith(words):
        return None  # each case below opens with one of the words (most lines with none)
    for word in words:
        if folded.rstrip(" :") == word:
            return ""
        if folded.startswith(word + " ") and (word == "indholdsfortegnelse" or len(text) > 60):
            rest = _without_dates(text[len(word) :], lang)  # "tirsdag 11. februar 2025 kl. 17"
            if word == "dagsorden" and not re.search(r"\b\d{1,3}\b", rest):
                continue
            return text[len(word) :].strip(" :")
    return None


def _without_dates(text: str, lang: Language) -> str:
    """``text`` without its dates and times of day, whose numbers number no entries."""
    for found in reversed(find_dates(text, lang)):
        text = text[: found.start] + text[found.end :]
    return re.sub(r"\b(?:kl\.?\s*)?\d{1,2}[.:]\d{2}\b", " ", text)


@cache
def _contents_words(lang: Language) -> tuple[str, ...]:
    """The language's contents headings, longest first."""
    return tuple(sorted(lang.contents_words, key=len, reverse=True))


def _entries(
    lines: Sequence[Line], start: int, head: str, lang: Language
) -> tuple[int, list[Entry]]:
    """The entries after the heading at ``start``, and the index where the list ends."""
    source = (lines[start].page, lines[start].first)
    same_source = start + 1
    while (
        same_source < len(lines) and (lines[same_source].page, lines[same_source].first) == source
    ):
        same_source += 1
    end, entries = _line_entries(lines, start + 1, lang)
    if len(entries) >= 2:
        return end, entries
    if head:  # the heading's own line runs on into the list
        run = " ".join([head, *(line.text for line in lines[start + 1 : same_source])])
        ran = split_run(run, lines[start], lang, last=same_source >= len(lines))
        return (same_source, ran) if len(ran) > len(entries) else (end, entries)
    following = next((i for i in range(start + 1, len(lines)) if lines[i].text.strip()), None)
    if following is not None and len(lines[following].text) > 100:
        # the whole list run into the one line below the heading
        line = lines[following]
        ran = split_run(line.text, line, lang, last=following == len(lines) - 1)
        if len(ran) > max(1, len(entries)):
            return following + 1, ran
    return end, entries


def _line_entries(lines: Sequence[Line], first: int, lang: Language) -> tuple[int, list[Entry]]:
    entries: list[Entry] = []
    seen: set[int] = set()
    public: bool | None = None
    index = first
    joined_last = False
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        if not text or (not entries and is_column_row(text, lang)):
            index += 1  # a blank line, or the columns' heads above the first entry
            joined_last = False
            continue
        mark = lang.status_of(_group_word(text, lang)) if len(text) < 30 else None
        heading = _candidate(lines, index, lang)
        if mark is not None and heading is None:
            if entries and not _next_is_entry(lines, index, lang):
                break
            public = mark
            index += 1
            continue
        if heading is None and (leader := _LEADERS_ONLY.search(text)) and leader.start() > 0:
            status = public
            entries.append(Entry(None, text[: leader.start()].strip(), status, line))
            index += 1
            joined_last = False
            continue
        if heading is not None and heading.title:
            if heading.number is not None and heading.number in seen:
                break
            if heading.number is not None and entries and all(e.number is None for e in entries):
                break  # "title ..... page" lines end at the first numbered heading

            if heading.number is not None:
                seen.add(heading.number)
            title = _LEADERS_ONLY.sub("", heading.title).strip()
            title = strip_page(title) if heading.toc or _page_column(lines, first) else title
            title, marked = trailing_mark(title, lang)  # "Salg af skole - LUKKET   4"
            status = next((s for s in (heading.public, marked) if s is not None), public)
            entries.append(
                Entry(heading.number, title, status, lines[heading.title_index], case=heading.case)
            )
            index = heading.title_index + 1
            joined_last = True
            continue
        if lang.section_of(text) and entries and index - _line_of(lines, entries[-1]) <= 3:
            entries.pop()  # a section right under it: the last "entry" heads the first item
            index = _line_of(lines, entries[-1]) + 1 if entries else first
            break
        if (
            lang.section_of(text)
            or lang.label_line.fullmatch(text)
            or not entries
            or not joined_last
        ):
            break
        last = entries[-1]  # a title broken over two lines
        entries[-1] = Entry(last.number, f"{last.title} {text}", last.public, last.line)
        index += 1
    return index, _without_pages(_without_cut_off(entries, lines))


def _ends_with_page(text: str) -> bool:
    """Whether a contents line ends in dot leaders and a page number ("T ....... 4"),
    read from the end (a search for the pattern is quadratic on a long run of dots)."""
    rest = text.rstrip().rstrip("0123456789")
    return len(rest) < len(text.rstrip()) and rest.rstrip().endswith(("...", "…"))


def _without_pages(entries: list[Entry]) -> list[Entry]:
    """Entries without the page numbers that most of them end with ("T 3", "T\t12")."""
    paged = [e for e in entries if re.search(r"\s\d{1,3}$", e.title)]
    if len(entries) < 2 or len(paged) * 5 < len(entries) * 3:
        return entries
    return [Entry(e.number, strip_page(e.title), e.public, e.line, e.run) for e in entries]


def _line_of(lines: Sequence[Line], entry: Entry) -> int:
    """The index of the line an entry was read from."""
    return next(i for i, line in enumerate(lines) if line is entry.line)


def _group_word(text: str, lang: Language) -> str:
    """An open/closed group heading's mark word ("Åben dagsorden" → "Åben")."""
    words = text.split()
    return words[0] if words else ""


def _next_is_entry(lines: Sequence[Line], index: int, lang: Language) -> bool:
    for j in range(index + 1, min(len(lines), index + 3)):
        if lines[j].text.strip():
            return _candidate(lines, j, lang) is not None
    return False


def is_column_row(text: str, lang: Language, *, paged: bool = False) -> bool:
    """Whether a line is a list's column heads alone ("Punkt  Side", "Pkt. Titel Side");
    with ``paged``, only one with a page column.

    >>> from kg.language import language
    >>> is_column_row("Pkt.  Titel      Side", language("da"), paged=True)
    True
    >>> is_column_row("Punkt 1 Godkendelse", language("da")), is_column_row("Side", language("da"))
    (False, False)
    """
    if not _column_start(lang).match(text):
        return False  # most lines: their first word heads no column
    words = [fold_spaces(w).strip(".:") for w in text.split()]
    if not all(w in lang.column_words for w in words):
        return False
    return not paged or words[-1] in lang.page_words


@cache
def _column_start(lang: Language) -> re.Pattern[str]:
    """A line's start with a column's head and more after it."""
    heads = "|".join(re.escape(w) for w in sorted(lang.column_words, key=len, reverse=True))
    return re.compile(rf"\s*(?:{heads or '(?!)'})\b[.:]?\s+\S", re.IGNORECASE)


def _page_column(lines: Sequence[Line], first: int) -> bool:
    """Whether the contents' heading names a page column ("Punkt nr. Side")."""
    near = " ".join(line.text for line in lines[max(0, first - 2) : first + 1])
    return bool(re.search(r"\bSide\b", near))


def _without_cut_off(entries: list[Entry], lines: Sequence[Line]) -> list[Entry]:
    """Entries without a last one that the end of a cut-off text broke off: it stands on
    the text's last line and lacks the page number all the others end with."""
    if len(entries) < 3 or entries[-1].line is not lines[-1]:
        return entries
    last_text = lines[-1].text
    if not re.search(r"\d\s*$", last_text) and all(
        _ends_with_page(e.line.text) for e in entries[:-1]
    ):
        return entries[:-1]
    return entries


def split_run(text: str, line: Line, lang: Language, *, last: bool = False) -> list[Entry]:
    """Entries of a list run into one line, cut where its numbering continues; ``last``
    says the run ends the (maybe cut-off) text."""
    tokens = [(m.start(), m.end(), int(m["n"])) for m in _NUMBER.finditer(text)]
    best: list[int] = []
    best_score = 0.0
    for i in range(len(tokens)):
        found, gaps = [i], 0
        while True:
            following = _following(tokens, found[-1])
            if following is None:
                break
            gaps += tokens[following][2] - tokens[found[-1]][2] - 1
            found.append(following)
        # an entry's number stands before its title; a page number after one
        titled = sum(1 for j in found if re.match(r"\s*(?:\(|[A-ZÆØÅ\"])", text[tokens[j][1] :]))
        score = len(found) - gaps + 0.5 * titled
        if score > best_score:
            best, best_score = found, score
    if not best:
        return []
    entries = []
    _, public = _strip_groups(text[: tokens[best[0]][0]], lang)
    pages = bool(re.search(r"\bSide\b", text[: tokens[best[0]][0]]))
    for k, i in enumerate(best):
        start = tokens[i][1]
        end = tokens[best[k + 1]][0] if k + 1 < len(best) else len(text)
        title, public_after = _strip_groups(text[start:end], lang)
        status = re.match(rf"\s*\.?\s*\((?P<s>{lang.status})\)", title, re.IGNORECASE)
        mark = lang.status_of(status["s"]) if status else public
        title = title[status.end() :] if status else title
        title = title.strip(" .") if not title.rstrip().endswith(".") else title.strip()
        title = strip_page(title) if pages else _LEADERS_ONLY.sub("", title).strip()
        if title:
            entries.append(Entry(tokens[i][2], title.strip(), mark, line, run=True))
        if public_after is not None:
            public = public_after
    if last and len(entries) >= 3 and not re.search(r"\d\s*$", text):
        entries.pop()  # the text was cut off inside the last entry
    return entries


def _following(tokens: Sequence[tuple[int, int, int]], at: int) -> int | None:
    """The next token numbered one more than ``tokens[at]``, or, where none is, two more."""
    for step in (1, 2):
        for j in range(at + 1, len(tokens)):
            if tokens[j][2] == tokens[at][2] + step:
                return j
    return None


#: Leaders, a page number and "Side N" that end a contents line. A match never starts
#: where the start before it would match the same (after a space, inside a run of dots
#: or of ellipses): a line of 25,000 dots and a word took 21 s.
_LEADERS_ONLY = re.compile(
    r"(?<!\s)(?!(?<=\.)\.|(?<=…)…)\s*(?:\.{3,}|…+)\s*\d{0,3}(?:\s+Side\s+\d{1,3})?\s*$",
    re.IGNORECASE,
)


def _strip_groups(title: str, lang: Language) -> tuple[str, bool | None]:
    """A run's entry without the open/closed mark that opens the entries after it
    ("... Lukket dagsorden", "... åbent"), and that mark."""
    match = re.search(
        rf"\s*(?<![\w])(?P<mark>{lang.status})(?:\s+(?:dagsorden|punkter|sager|del))?\s*$",
        title,
        re.IGNORECASE,
    )
    if match:
        return title[: match.start()], lang.status_of(match["mark"])
    return title, None


def _numbered(entries: Sequence[Entry]) -> list[Entry]:
    """Entries without a number numbered by their place after the one before."""
    out: list[Entry] = []
    for entry in entries:
        if entry.number is None:
            number = out[-1].number + 1 if out and out[-1].number is not None else len(out) + 1
            entry = Entry(number, entry.title, entry.public, entry.line, entry.run)
        out.append(entry)
    return out
