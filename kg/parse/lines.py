"""The lines a parse reads: web and mirror boilerplate dropped, and the text of a PDF
that a mirror ran together (page numbers glued to each page's first words, every line
break gone) cut back into lines at the labels and headings of the language.

Each line keeps the source page and line it came from; a line cut out of a longer one
cites that line.

>>> from kg.language import language
>>> text = "Referat af møde i Socialudvalget Mødetidspunkt 02-03-2015 17:00 " + "x " * 80
>>> [line.text[:40] for line in relined([Line(text, 1, 1, 1)], language("da"))][:2]
['Referat af møde i Socialudvalget', 'Mødetidspunkt 02-03-2015 17:00 x x x x x']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from kg.ingest.model import Line
from kg.language import PARTY_LETTERS, Language

#: A line longer than this that holds labels or headings was run together by a mirror.
RUN_TOGETHER = 180
#: A transcript's page is one long line (a shorter line opening with a number is a
#: heading or a list entry).
_PAGE_LENGTH = 80
#: How many leading characters of a page may hold its running header.
_HEADER_REACH = 120

_PAGE_PREFIX = re.compile(r"(?P<page>\d{1,3})\s+(?P<rest>\S.*)")
_PAGE_FOOTER = re.compile(r"\s*\bSide \d{1,3} af \d{1,3}\b\s*", re.IGNORECASE)


def relined(lines: Sequence[Line], lang: Language) -> list[Line]:
    """The lines to parse: boilerplate out, transcript pages numbered, long runs cut."""
    kept = [line for line in lines if not _boilerplate(line.text, lang)]
    kept, paged = _transcript_pages(kept)
    cut = [
        index
        for index, line in enumerate(kept)
        if len(line.text) > RUN_TOGETHER or index in paged or _heading_run(line.text, lang)
    ]
    bounds = {index: _boundary_points(kept[index].text, lang) for index in cut}
    # the items' numbers across pages (14., 15. | 16.), in lines cut for labels or headings
    # too: a long paragraph's "1. Forundersøgelse … 2. Projektering …" is its own list
    ran = [index for index in cut if index in paged or bounds[index]]
    runs = _numbered_run([kept[index].text for index in ran])
    items = {ran[k]: offsets for k, offsets in runs.items()}
    out: list[Line] = []
    for index, line in enumerate(kept):
        if index in bounds:
            out.extend(_cut(line, lang, [*bounds[index], *items.get(index, [])]))
        else:
            out.append(line)
    return out


def _heading_run(text: str, lang: Language) -> bool:
    """A shorter line an item's heading opens and a case label with its colon continues
    ("1. Godkendelse af dagsorden Sagsnr.: 00.01.00-A00-1-25 Beslutning Godkendt.")."""
    return ":" in text and text[:1].isdigit() and _case_colon(lang).search(text, 4) is not None


@cache
def _case_colon(lang: Language) -> re.Pattern[str]:
    return re.compile(rf"(?<=\s)(?i:{lang.labels_of('case')})\s*\.?\s*:")


@lru_cache(maxsize=1 << 14)  # documents repeat lines; the pattern is long and slow
def _boilerplate(text: str, lang: Language) -> bool:
    """A line a web page or a mirror adds ("Hent som PDF", as a list entry too)."""
    return bool(lang.boilerplate.fullmatch(text.strip().removeprefix("- ")))


def _transcript_pages(lines: Sequence[Line]) -> tuple[list[Line], set[int]]:
    """Lines of a transcript that starts each page with its number ("1 GENTOFTE ...",
    "2 Indholdsfortegnelse ...") get that page, without the number and running header;
    and the indexes of those lines (each a page run together)."""
    filled = [(i, line) for i, line in enumerate(lines) if line.text.strip()]
    numbered = [
        (i, int(m["page"]), m["rest"])
        for i, line in filled
        if len(line.text) > _PAGE_LENGTH and (m := _PAGE_PREFIX.fullmatch(line.text))
    ]
    pages = [n for _, n, _ in numbered]
    consecutive = len(pages) >= 2 and pages == list(range(1, len(pages) + 1))
    if not consecutive or len(numbered) * 2 < len(filled):  # pages are most of a transcript
        return list(lines), set()
    header = _running_header([rest for _, _, rest in numbered])
    out = list(lines)
    for index, page, rest in numbered:
        if header is not None:
            rest = header.sub(" ", rest[:_HEADER_REACH], count=1).lstrip() + rest[_HEADER_REACH:]
        old = out[index]
        out[index] = Line(_PAGE_FOOTER.sub(" ", rest).strip(), page, old.first, old.last, old.parts)
    return out, {index for index, _, _ in numbered}


def _running_header(pages: Sequence[str]) -> re.Pattern[str] | None:
    """The running header that opens several pages (digits aside, as a page's date or
    number differs), as a pattern; None when pages share no opening words."""
    shapes = [re.sub(r"\d+", " ", page[:_HEADER_REACH]).split() for page in pages]
    best: list[str] = []
    for a in range(len(shapes)):
        for b in range(a + 1, len(shapes)):
            common = _common_prefix(shapes[a], shapes[b])
            if len(common) > len(best):
                best = common
    if len(best) < 2 or len(" ".join(best)) < 10:
        return None
    words = [re.escape(w) for w in best]
    return re.compile(r"\s*".join(words) + r"\s*[\d.]*", re.IGNORECASE)


def _common_prefix(a: Sequence[str], b: Sequence[str]) -> list[str]:
    out = []
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        out.append(x)
    return out


def _boundary_points(text: str, lang: Language) -> list[int]:
    """Where a run-together line's labels, section headings and marks begin (not at 0)."""
    return [m.start() for m in _boundaries(lang).finditer(text) if m.start()]


def _cut(line: Line, lang: Language, points: Sequence[int]) -> list[Line]:
    """A run-together line cut at ``points`` (its labels' and headings' starts, and where
    its items' numbers stand) and after each heading that runs on into its text."""
    cuts = [*points, *(m.end() for m in _heading_end(lang).finditer(line.text))]
    cuts = sorted(set(cuts) - {0, len(line.text)} - _status_cells(line.text, lang))
    if not cuts:
        return [line]
    pieces = []
    start = 0
    for cut in [*cuts, len(line.text)]:
        piece = line.text[start:cut].strip()
        if piece:
            pieces.append(Line(piece, line.page, line.first, line.last, line.parts))
        start = cut
    return pieces


#: A party's letters ending the text before a cut ("… Karen Vestergaard A").
_PARTY_BEFORE = re.compile(rf"\s(?:{PARTY_LETTERS})\s*$")


def _status_cells(text: str, lang: Language) -> set[int]:
    """Where a present or absent label follows a party's letters: the status cell of an
    attendance table's row run together ("Karen Vestergaard A Til stede Hanne Fjord A
    Afbud"), no label of its own to cut before."""
    found = set()
    for match in _status_words(lang).finditer(text):
        if _PARTY_BEFORE.search(text, max(0, match.start() - 8), match.start()):
            found.add(match.start())
    return found


@cache
def _status_words(lang: Language) -> re.Pattern[str]:
    return re.compile(rf"(?<=\s)(?i:{lang.labels_of('present', 'absent')})(?!\w)")


#: A contents entry's dot leader and page ("…3", "..... 12").
_LEADER = re.compile(r"(?:\.{3,}|…)\s*\d")
#: An item's number before its title in a run-together line ("… Til stede 1. Godkendelse").
_NUMBER_MARK = re.compile(r"(?<=\s)(?P<n>\d{1,3})\.\s+(?=[A-ZÆØÅ])")


def _numbered_run(texts: Sequence[str]) -> dict[int, list[int]]:
    """Where the items of run-together lines begin, by line: the longest run of numbers
    written "N. Title" through the lines in order, each one more than the one before
    (three or more, or two from 1), so that a date's "3. marts" or a list's "2.
    behandling" is no cut. A line that holds a contents list's leaders has none.

    >>> _numbered_run(["Til stede A 1. Godkendelse Godkendt. 2. Budget den 3. marts"])
    {0: [12, 37]}
    >>> _numbered_run(["Udvalget 2024 14. Godkendelse 15. Tilsyn", "2024 16. Budget"])
    {0: [14, 30], 1: [5]}
    """
    marks = [
        (line, m.start(), int(m["n"]))
        for line, text in enumerate(texts)
        if len(_LEADER.findall(text)) < 2  # `kg.parse.contents` reads such a list whole
        for m in _NUMBER_MARK.finditer(text)
    ]
    # the longest chain ending at each number, as (length, index of the mark before it)
    ends: dict[int, tuple[int, int]] = {}
    chains: list[tuple[int, int]] = []  # for each mark: (length, previous mark's index)
    for i, (_, _, number) in enumerate(marks):
        before = ends.get(number - 1)
        length, previous = (before[0] + 1, before[1]) if before else (1, -1)
        chains.append((length, previous))
        if length > ends.get(number, (0, -1))[0]:
            ends[number] = (length, i)
    if not chains:
        return {}
    last = max(range(len(chains)), key=lambda i: (chains[i][0], -i))
    length = chains[last][0]
    first = marks[last][2] - length + 1
    if not (length >= 3 or (length == 2 and first == 1)):
        return {}
    found: dict[int, list[int]] = {}
    at = last
    while at >= 0:
        line, start, _ = marks[at]
        found.setdefault(line, []).insert(0, start)
        at = chains[at][1]
    return dict(sorted(found.items()))


def _words(words: Iterable[str]) -> str:
    """Words as a regex alternation, longest first, a space matching any white space."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique)


@cache
def _boundaries(lang: Language) -> re.Pattern[str]:
    """Where a run-together line is cut: before a label with its colon or value, a
    section heading followed by a capital or a digit, an item heading "N (Åben)", an
    open/closed mark, a table of contents."""
    labels = _words(lang.label_fields)
    bare = _words(k for k, field in lang.label_fields.items() if field != "other")
    sections = _words(w for w in lang.section_words if len(w) >= 5)
    contents = _words(lang.contents_words)
    caps = _words(w.upper() for w in lang.section_words if len(w) >= 5)
    upper = r"[A-ZÆØÅ0-9\"]"
    return re.compile(
        rf"(?<![\w-])(?:"
        rf"(?i:{labels})\s*\.?\s*:"  # "Tilstede:", "Sagsnr.:"
        rf"|(?=[A-ZÆØÅ])(?i:{bare})(?=\s+{upper}|\s+kl\b|\s*$)"  # "Mødetidspunkt 31-08-2015"
        rf"|(?=[A-ZÆØÅ])(?i:{sections})(?=\s+{upper}|\s*$)"  # "Resumé Under dette ..."
        rf"|{caps}(?![\w])"  # "RESUMÉ a) ..."
        rf"|(?=[A-ZÆØÅ])(?i:{contents})(?![\w])"
        rf"|\d{{1,3}}\.?\s*\((?i:{lang.status})\)"  # "2 (Åben) Titel"
        rf"|(?<!\d\s)(?<!\d)\((?i:{lang.status})\)"  # "(Åben) Titel", its number lost
        rf"|(?=[A-ZÆØÅ])(?i:{lang.status})\s+(?i:sag|punkt)(?![\w])"  # "Åben sag"
        rf")"
    )


@cache
def _heading_end(lang: Language) -> re.Pattern[str]:
    """What a new line starts after: an open/closed mark of a whole item ("Åben sag"), a
    section heading followed by its text ("Resumé Under dette ..."), a run of upper-case
    words followed by ordinary text ("BESLUTNING I UDVALGET DEN Tiltrådt")."""
    sections = _words(w for w in lang.section_words if len(w) >= 5)
    upper_sections = _words(w.upper() for w in lang.section_words if len(w) >= 5)
    caps = r"[A-ZÆØÅ][A-ZÆØÅ.-]*"
    return re.compile(
        rf"(?<![\w-])(?:"
        rf"(?:{upper_sections})(?=\s+[^\sA-ZÆØÅ])"
        rf"|(?=[A-ZÆØÅ])(?i:{lang.status})\s+(?i:sag|punkt)(?![\w])"
        rf"|(?=[A-ZÆØÅ])(?i:{sections})(?=\s+(?:[A-ZÆØÅ][a-zæøå]|\d))"
        rf"|{caps}(?:\s+(?:{caps}|[IiOo]|OG|DEN|AF))+(?=\s+[A-ZÆØÅ][a-zæøå])"
        rf")"
    )
