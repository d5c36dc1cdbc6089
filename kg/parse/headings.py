"""Where a document's agenda items begin: item headings in any of the forms municipalities
use, chosen by the numbering sequence they make.

Forms read: "1 (Åben) T", "1. T", "Punkt 1: T", "Pkt. 42" above "T", "38T" (glued),
"- 1" above "T", "åbent 1 T", "(Åben) T" (its number lost), and a title beside an
open/closed mark ("T" / "Åben sag"). A candidate gains weight when a section heading or a
case id follows it; numbered candidates are then chained by their numbers (each the one
before plus one, a small gap allowed) and the heaviest chain wins, so that a numbered list
inside an item ("1. at beslutte ...") or a numbered attendance list never splits items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from kg.ingest.model import Line
from kg.language import FIELD_LABEL, Language, fold_spaces

#: How many non-blank lines after a heading are searched for a section or a case id.
_REACH = 6
#: A title longer than this is running text, not a heading.
_LONGEST_TITLE = 250
#: Leaders (and a page number) that end a line of a table of contents. A match never
#: starts inside a run an earlier start would take whole, and takes the leaders
#: atomically: the pattern without both took 133 s on a line of 2,000 dots and a word.
_LEADERS = re.compile(
    r"(?<![\s…])(?<!\.\.\.)\s*(?>(?:\.{3,}|…+|\. \. \.)[\s.…]*)(?P<page>\d{1,3})?\s*$"
)
_TRAILING_PAGE = re.compile(r"\s+\d{1,3}$")
#: The forms only an item heading has ("1 (Åben) T", "Punkt 1: T", "åbent 1 T"): where a
#: document has them, its items are headed so, whatever numbered lists it also holds.
_STRONG = frozenset({0, 2, 3})
#: The forms a numbered list inside a section also has ("1. T", "1 T").
_LIST_LIKE = frozenset({4, 5, 9, 11})


@dataclass(frozen=True, slots=True)
class Heading:
    """An item heading: the line index it starts at, the index of its title line, and
    what it says."""

    index: int
    title_index: int
    number: int | None
    title: str | None
    public: bool | None
    score: float
    #: Whether it reads like a table-of-contents entry (dot leaders and a page number).
    toc: bool = False
    #: Which form the heading has (the index of its pattern): one document numbers its
    #: items in one form, so a chain keeps to one.
    style: int = -1
    #: The case id beside the number, where the title stands below ("Sag nr. 14   J.nr.
    #: 05.01.10-G00-3-25").
    case: str | None = None
    #: Both numbers of a minute numbered with its year ("24/86"), in their order.
    minute: tuple[int, int] | None = None


@cache
def _patterns(lang: Language) -> tuple[tuple[re.Pattern[str], float], ...]:
    status = lang.status
    words = lang.number_words
    title = r"(?P<title>[\"'«(]?[A-ZÆØÅ0-9].*)"
    flags = re.IGNORECASE
    return (
        (
            re.compile(rf"(?P<n>\d{{1,3}})\.?\s*\((?P<status>{status})\)\s*(?P<title>.+)", flags),
            3.0,
        ),
        (re.compile(rf"\((?P<status>{status})\)\s*(?P<title>.+)", flags), 1.0),
        (
            re.compile(
                rf"(?:-\s*)?(?:{words})\.?\s*(?P<n>\d{{1,3}})(?!\d|\s*[-–]\s)\s*[:.]?\s*"
                r"(?P<title>.*)",
                flags,
            ),
            2.0,
        ),
        (re.compile(rf"(?P<status>{status})\s+(?P<n>\d{{1,3}})\.?\s+(?P<title>.+)", flags), 2.0),
        (re.compile(rf"(?P<n>\d{{1,3}})\.\s+{title}"), 1.0),
        (re.compile(rf"(?P<n>\d{{1,3}})\s+(?:(?P<status>{status})\s+)?{title}", flags), 1.0),
        (re.compile(r"(?P<n>\d{1,3})(?P<title>[A-ZÆØÅ][a-zæøå].*)"), 1.0),
        (re.compile(r"(?:-\s*)?(?P<n>\d{1,3})\.?"), 0.5),
        # a minute number and its year ("45/23 Apologies", "23/101 To receive ...")
        (
            re.compile(
                r"(?P<a>\d{1,3})/(?P<b>\d{1,3})\.?\s+"
                r"(?P<title>[\"'«(]?(?:[^\W\d_]|\d{1,4}\s+[A-ZÆØÅ]).*)"
            ),
            1.0,
        ),
        # forms of their own, never strong, so that a list in an item's text ("1) Der
        # gives ...", "Punkt 1 - Takster ...") is not taken for the items' numbering
        (re.compile(rf"(?P<n>\d{{1,3}})\)\s+{title}"), 1.0),
        (re.compile(rf"(?:{words})\.?\s*(?P<n>\d{{1,3}})\s*[-–]\s*(?P<title>.+)", flags), 1.0),
        # a number and a dash or slash before the title ("4 - Trafiksikkerhed", "4/ Budget")
        (re.compile(r"(?P<n>\d{1,3})\s*(?:[-–]|/)\s+(?P<title>[\"'«(]?[A-ZÆØÅ].*)"), 1.0),
        # a reference to an item with its title ("Ad 1. Godkendelse af dagsorden"), not
        # with what was decided ("Ad 1) Per Ry bød velkommen.")
        (
            re.compile(
                rf"(?:{lang.reference_words or '(?!)'})\.?\s+(?P<n>\d{{1,3}})[.:)]?\s+"
                r"(?P<title>[\"'«(]?[A-ZÆØÅ0-9](?:.*[^.])?)",
                flags,
            ),
            1.0,
        ),
    )


def opens_numbered(text: str, lang: Language) -> bool:
    """Whether a line opens as an item's heading or a contents line does: a number and a
    capital ("7. Køb af areal", "7) Køb") or a number word and a number ("Pkt. 7").

    >>> from kg.language import language
    >>> da = language("da")
    >>> opens_numbered("Pkt. 7 Køb af areal", da), opens_numbered("2. sal", da)
    (True, False)
    """
    return _numbered(lang).match(text) is not None


@cache
def _numbered(lang: Language) -> re.Pattern[str]:
    return re.compile(
        rf"\s*(?:\d{{1,3}}(?:[.)]?|\s*[-–/])\s+[A-ZÆØÅ]|(?i:{lang.number_words})\.?\s*\d)"
    )


@cache
def _opening(lang: Language) -> re.Pattern[str]:
    """How every line that one of `_patterns` matches begins: a digit, "(", a number word
    (after a dash too), a dash before a digit, or an open/closed mark."""
    words, status = lang.number_words, lang.status
    refer = lang.reference_words or "(?!)"
    return re.compile(
        rf"[\d(]|-\s*(?:\d|{words})|(?:{words})|(?:{status})|(?:{refer})\s", re.IGNORECASE
    )


def candidates(lines: Sequence[Line], lang: Language, skip: frozenset[int]) -> list[Heading]:
    """Every line that could open an item (lines in ``skip`` never do), with its score."""
    found = []
    for index, line in enumerate(lines):
        if index in skip or not line.text.strip():
            continue
        heading = _candidate(lines, index, lang)
        if heading is not None:
            found.append(heading)
    found.extend(_beside_marks(lines, lang, skip, {h.title_index for h in found}))
    return sorted(_minutes_numbered(found), key=lambda h: h.index)


def _minutes_numbered(found: list[Heading]) -> list[Heading]:
    """Minutes numbered with their year numbered by the side that changes: "24/86",
    "24/87" are 86 and 87 (year first, as British councils write them), "45/23", "46/23"
    are 45 and 46; where neither side stays the same, as `_minute` reads each."""
    pairs = [h.minute for h in found if h.minute is not None]
    if len(pairs) < 2:
        return found
    firsts, seconds = {a for a, _ in pairs}, {b for _, b in pairs}
    side = 1 if len(firsts) == 1 < len(seconds) else 0 if len(seconds) == 1 < len(firsts) else None
    if side is None:
        return found
    return [replace(h, number=h.minute[side]) if h.minute is not None else h for h in found]


def _candidate(lines: Sequence[Line], index: int, lang: Language) -> Heading | None:
    text = lines[index].text.strip()
    if not _opening(lang).match(text):
        return None  # no pattern of `_patterns` can match (most lines)
    if lines[index].cells:
        row = _table_row(lines, index, lang)
        if row is not None:
            return row
    if lang.section_of(text) is not None or lang.label_line.fullmatch(text):
        return None
    for style, (pattern, weight) in enumerate(_patterns(lang)):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        groups = match.groupdict()
        title = (groups.get("title") or "").strip()
        beside = case_id(title, lang) if title else None
        if beside is not None:
            title = ""  # "Sag nr. 14   J.nr. 05.01.10-G00-3-25": its title is below
        elif title and (after := _case_after(title, lang)) is not None:
            title, beside = after  # "112. Godkendelse af dagsorden Sagsnr. 00.22.04-A00-1-25"
        title_index = index
        marked = lang.status_of(title) if title else None
        lead, rest = leading_mark(title, lang) if title and marked is None else (None, title)
        between = title[: len(title) - len(rest)]
        if (
            lead is not None
            and rest
            and re.fullmatch(r"[^\W\d_\s]+(?:\s+[^\W\d_\s]+)?\s+", between)
        ):
            title, marked = rest, lead  # "Punkt 2 Åben sag Klimahandlingsplan 2025"
        if marked is not None and style in _STRONG and _title_below(lines, index, lang):
            title = ""  # "Punkt 101   Åbent punkt" above its title; else the mark is the title
        if not title:
            following = _next(lines, index)
            if following is None or not _title_like(lines[following].text, lang):
                return None
            title, title_index = lines[following].text.strip(), following
        toc = bool(_LEADERS.search(title))
        title = _LEADERS.sub("", title).strip()
        if not _title_like(title, lang):
            return None
        title, first = trailing_mark(title, lang)  # "47. Budget for Børne- og  Åben sag"
        title, title_index = _continued(lines, title, title_index, lang)
        title, trailed = trailing_mark(title, lang)
        title, inner = inner_mark(title, lang)
        marked = next((m for m in (marked, first, trailed, inner) if m is not None), None)
        status = groups.get("status")
        public = lang.status_of(status) if status else marked
        if public is None:
            public = _mark_near(lines, index, lang)
        if public is None and title_index > index:  # "1." / "Title" / "Åben": by the title
            public = _mark_near(lines, title_index, lang)
        prefix = re.match(rf"(?P<s>{lang.status})\s*:", title, re.IGNORECASE)
        if public is None and prefix:
            public = lang.status_of(prefix["s"])  # "Lukket: Køb af landbrugsejendom"
        number = int(groups["n"]) if groups.get("n") else _minute(groups)
        evidence = _evidence(lines, title_index, lang)
        if not evidence and style in _LIST_LIKE:
            weight /= 2  # "1. Velkomst" in a section's list reads like a heading too
        score = weight + evidence + (0.5 if public is not None else 0)
        pair = (int(groups["a"]), int(groups["b"])) if groups.get("a") and groups.get("b") else None
        return Heading(index, title_index, number, title, public, score, toc, style, beside, pair)
    return None


@cache
def _trailing(lang: Language) -> re.Pattern[str]:
    """An open/closed mark ending a title: in brackets ("(Lukket)"), after a dash
    ("- LUKKET") or a phrase of two words or more ("Åbent punkt")."""
    status, phrases = lang.status, _mark_phrases(lang)
    return re.compile(
        rf"\s*(?:\((?P<b>{status})\)|\s[-–]\s*(?P<d>{status})|(?<!\S)(?P<p>{phrases}))\s*$",
        re.IGNORECASE,
    )


def _title_below(lines: Sequence[Line], index: int, lang: Language) -> bool:
    """Whether the line right under a heading is its title: no blank line between, and
    neither a case id, a heading of its own nor a sentence."""
    if index + 1 >= len(lines):
        return False
    below = lines[index + 1].text.strip()
    return (
        bool(below)
        and _title_like(below, lang)
        and not is_case_line(below, lang)
        and not _opening(lang).match(below)
        and not below.endswith(".")
    )


def _is_label_line(text: str, lang: Language) -> bool:
    """A field's line, not a title's next line: a label with its colon, or capitalised
    ("Slut: kl. 16.15", "Start kl. 17"; not "start af byggeriet på Nordskolen")."""
    label = lang.label_line.fullmatch(text)
    return label is not None and bool(label["colon"] or text[:1].isupper())


@cache
def _mark_ends(lang: Language) -> frozenset[str]:
    """The last words of the open/closed marks ("lukket", "punkt"), folded."""
    return frozenset(w.split()[-1] for w in lang.open_words | lang.closed_words if w.split())


#: The characters at a title's end that a mark may take ("(Lukket punkt)", " - LUKKET SAG").
_MARK_TAIL = 32


def _mark(match: re.Match[str]) -> str:
    """The mark word(s) a match of `_trailing` found."""
    return str(match["b"] or match["d"] or match["p"])


def trailing_mark(title: str, lang: Language) -> tuple[str, bool | None]:
    """A title without the open/closed mark that ends it, and the mark (None: none).

    >>> from kg.language import language
    >>> da = language("da")
    >>> trailing_mark("Køb af ejendom (Lukket)", da), trailing_mark("Salg af skole - LUKKET", da)
    (('Køb af ejendom', False), ('Salg af skole', False))
    >>> trailing_mark("Godkendelse af dagsorden Åbent punkt", da)
    ('Godkendelse af dagsorden', True)
    >>> trailing_mark("Skal hallen være åben", da), trailing_mark("Høring om skoler Åbent", da)
    (('Skal hallen være åben', None), ('Høring om skoler', True))
    >>> trailing_mark("Aktindsigt i lukket sag", da)
    ('Aktindsigt i lukket sag', None)
    >>> trailing_mark("Borgersag - dispensation Lukket", da)
    ('Borgersag - dispensation', False)
    >>> trailing_mark("Nyt bosted i Vorup Enge Åben", da)
    ('Nyt bosted i Vorup Enge', True)
    >>> en = language("en")
    >>> trailing_mark("Questions from the Public", en), trailing_mark("Press and Public", en)
    (('Questions from the Public', None), ('Press and Public', None))
    """
    last = title.rsplit(None, 1)[-1].strip("()").casefold() if title else ""
    if last not in _mark_ends(lang):
        return title, None  # most titles: their last word ends no mark
    at = max(0, len(title) - _MARK_TAIL)  # a mark is short: search the title's end only
    match = _trailing(lang).search(title, at)
    if match is not None and match["p"] and not match["p"][:1].isupper():
        match = None  # "Aktindsigt i lukket sag": words of the title, no mark
    if match is not None and match.start() > 0:
        return title[: match.start()].rstrip(" -–"), lang.status_of(_mark(match))
    marked = badge(title, lang)  # a web page's badge: "… Åbent"
    if marked is None:
        return title, None
    words = marked[0].split()
    long = [w for w in words[1:] if len(w) > 3 and w[:1].isalpha()]
    if (
        len(words) >= 2
        and words[-1].casefold() not in lang.function_words  # not "Questions from the Public"
        and not (lang.title_case and long and all(w[:1].isupper() for w in long))
    ):
        return marked
    return title, None


def inner_mark(title: str, lang: Language) -> tuple[str, bool | None]:
    """A title without the mark of two words or more that a wrapped line's join put
    inside it, capitalised before a lower-case word (a right-aligned "Åben sag" beside
    the title's first line), and the mark.

    >>> from kg.language import language
    >>> inner_mark("Ny model for specialundervisning i Åben sag folkeskolen", language("da"))
    ('Ny model for specialundervisning i folkeskolen', True)
    >>> inner_mark("Åben sag om Skolen", language("da"))
    ('Åben sag om Skolen', None)
    """
    for match in _inner(lang).finditer(title):
        if match["mark"][:1].isupper() and title[match.end() :][:1].islower():
            rest = f"{title[: match.start()]} {title[match.end() :]}"
            return rest, lang.status_of(match["mark"])
    return title, None


@cache
def _inner(lang: Language) -> re.Pattern[str]:
    return re.compile(rf"(?<=\S)\s+(?P<mark>{_mark_phrases(lang)})\s+(?=\w)", re.IGNORECASE)


@cache
def _mark_phrases(lang: Language) -> str:
    """The open/closed marks of two words or more ("Åbent punkt"), longest first."""
    phrases = sorted((w for w in lang.open_words | lang.closed_words if " " in w), key=len)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in reversed(phrases)) or "(?!)"


def badge(title: str | None, lang: Language) -> tuple[str, bool] | None:
    """A title without the capitalised open/closed word that ends it, and the mark:
    what a web page's badge beside a title ("Meddelelser Åben") would be. Whether it is
    one, one title alone does not tell (`trailing_mark` takes those it can)."""
    head, _, last = (title or "").rpartition(" ")
    status = lang.status_of(last) if head.strip(" -–") and last[:1].isupper() else None
    return None if status is None else (head.rstrip(" -–"), status)


@cache
def _status_start(lang: Language) -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{lang.status})(?![\w])", re.IGNORECASE)


def leading_mark(text: str, lang: Language) -> tuple[bool | None, str]:
    """The open/closed mark a line opens with, where it is a mark of two words ("Åbent
    punkt Sagsnr. 00.01.00-A00-1-25") or the rest is empty, and the rest of the line.

    >>> from kg.language import language
    >>> leading_mark("Åbent punkt Sagsnr. 00.01.00-A00-1-25", language("da"))
    (True, 'Sagsnr. 00.01.00-A00-1-25')
    >>> leading_mark("Lukket", language("da")), leading_mark("Åben skole", language("da"))
    ((False, ''), (None, 'Åben skole'))
    >>> leading_mark("Åben · Sagsnr.: 23/18804", language("da"))
    (True, 'Sagsnr.: 23/18804')
    """
    if not _status_start(lang).match(text):
        return None, text  # most lines
    words = text.split()
    for size in (2, 1):
        mark = lang.status_of(" ".join(words[:size])) if len(words) >= size else None
        if mark is None:
            continue
        rest = " ".join(words[size:]).lstrip(" ·•|–—-:")
        if size == 2 or not rest or case_id(rest, lang) is not None:
            return mark, rest  # "Åben · Sagsnr.: 23/18804"; not "Åben skole"
    return None, text


def _minute(groups: dict[str, str | None]) -> int | None:
    """The number of a minute numbered with its year: "45/23" (the first, as most write
    it) or "23/101" (the side of three digits, which no year's two digits have). Not the
    day's year: a document reads the same whenever it is read.

    >>> _minute({"a": "45", "b": "23"}), _minute({"a": "23", "b": "101"}), _minute({})
    (45, 101, None)
    """
    a, b = groups.get("a"), groups.get("b")
    if a is None or b is None:
        return None
    return int(b) if len(b) == 3 and len(a) < 3 else int(a)


def _continued(lines: Sequence[Line], title: str, index: int, lang: Language) -> tuple[str, int]:
    """A title broken over lines ("... Erhvervsområde ved" / "Kattrup, ... - Endelig")
    with its rest joined on, where the rest stands between the heading and the item's
    case id or first section; and the index of the title's last line."""
    if title.endswith((".", ":", "?", "!")):
        return title, index
    following: list[int] = []
    j = index + 1
    while j < len(lines) and len(following) <= 2:
        text = lines[j].text.strip()
        j += 1
        if not text:
            continue
        heads = text[:1].isupper() and lang.section_of(text) is not None  # not "vedtagelse"
        field = _is_label_line(text, lang) or FIELD_LABEL.match(text) is not None
        tail = bool(following) and lines[following[-1]].text.strip()[:1].islower()
        if heads or is_case_line(text, lang) or (field and tail):
            break  # the item's first section, case id or field ("Sag: 24-018834") below
        if (
            len(following) == 2
            or len(text) > 100
            or _is_label_line(text, lang)
            or leading_mark(text, lang)[0] is not None
            or fold_spaces(text) == fold_spaces(title)
            or re.match(r"\d", text)
            or opens_numbered(text, lang)
            or FIELD_LABEL.match(text)  # "File: DA2023/045", "Bilag: ...": a field, no title
        ):
            return title, index
        following.append(j - 1)
    else:
        return title, index
    if not following:
        return title, index
    rest = " ".join(lines[k].text.strip() for k in following)
    joined = (
        f"{title[:-1]}{rest}"
        if re.search(r"\w-$", title) and rest[:1].islower()
        else f"{title} {rest}"
    )
    return joined, following[-1]


def _title_like(text: str, lang: Language) -> bool:
    """A title: starts with a capital, a digit or a quote, not too long, no field label."""
    text = text.strip()
    if (
        not text
        or len(text) > _LONGEST_TITLE
        or not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'«(")
    ):
        return False
    if lang.label_line.fullmatch(text) and text.rstrip().endswith(":"):
        return False
    section = lang.section_of(text)
    # "Høring: Forslag til takster": a kind of matter before its subject, no section
    return section is None or (section[0] == "other" and section[1][:1].isupper())


def _next(lines: Sequence[Line], index: int) -> int | None:
    for j in range(index + 1, min(len(lines), index + 3)):
        if lines[j].text.strip():
            return j
    return None


def _evidence(lines: Sequence[Line], index: int, lang: Language) -> float:
    """Weight from what follows a heading: a section heading or a case id soon after."""
    seen = 0
    for line in lines[index + 1 :]:
        text = line.text.strip()
        if not text:
            continue
        seen += 1
        if seen > _REACH:
            break
        if lang.section_of(text) is not None or is_case_line(text, lang):
            return 2.0
        if _patterns(lang)[0][0].fullmatch(text):
            break
    return 0.0


def _mark_near(lines: Sequence[Line], index: int, lang: Language) -> bool | None:
    """The open/closed mark on a line of its own just above or below a heading, or at
    the end of a line below it ("Sagsnr. 299835 Kultur- og Idrætsudvalget Åbent punkt")."""
    for j in (index - 1, index - 2, index + 1, index + 2):
        if 0 <= j < len(lines) and lines[j].text.strip():
            status = lang.status_of(lines[j].text)
            if status is None and j > index:
                status = leading_mark(lines[j].text, lang)[0]
            if status is not None and not (
                abs(j - index) == 2 and _nearer_heading(lines, index, j, lang)
            ):
                return status
    for j in range(index + 1, min(len(lines), index + 5)):
        text = lines[j].text.strip()
        if _opening(lang).match(text) and not is_case_line(text, lang):
            break  # the next heading: its mark is its own
        match = _trailing(lang).search(text)
        if match and match["p"]:  # "... Åbent punkt"; not "Sydbadet - lukket"
            return lang.status_of(match["p"])
        last = text.rsplit(None, 1)[-1] if text else ""
        if last[:1].isupper() and is_case_line(text, lang):  # "Sag: 24/1 Dok.nr.: 7 Åbent"
            status = lang.status_of(last)
            if status is not None:
                return status
    return None


#: The style of an item that a table's row gives, one beyond the patterns'.
_ROW_STYLE = 100


def _table_row(lines: Sequence[Line], index: int, lang: Language) -> Heading | None:
    """An item as a table's row gives it, its cells apart: a number in the first cell,
    its title in the next, and a cell with its open/closed mark or its case id ("1 |
    Godkendelse af dagsorden | Åben | 2024-000311"); None for any other row."""
    cells = [c.strip() for c in lines[index].cells]
    number = re.fullmatch(rf"(?:(?i:{lang.number_words})\.?\s*)?(\d{{1,3}})[.)]?", cells[0])
    if number is None or len(cells) < 2 or not _title_like(cells[1], lang):
        return None
    public = case = None
    for cell in cells[2:]:
        public = lang.status_of(cell) if public is None else public
        shaped = _case_shape().fullmatch(cell)
        case = case or (shaped["case"] if shaped else case_id(cell, lang))
    if public is None and case is None:
        return None  # "4  Lokalplan  12": a contents line's page, read by its patterns
    score = 1.0 + _evidence(lines, index, lang) + (0.5 if public is not None else 0)
    title = cells[1]
    return Heading(index, index, int(number[1]), title, public, score, False, _ROW_STYLE, case)


#: How far before a title's last word its case label may begin ("Dok./sagsnr.: ").
_LABEL_REACH = 24


def _case_after(title: str, lang: Language) -> tuple[str, str] | None:
    """A title that a case label and its id end, cut before the label, and the id.

    >>> from kg.language import language
    >>> _case_after("Godkendelse af dagsorden Sagsnr. 00.22.04-A00-1-25", language("da"))
    ('Godkendelse af dagsorden', '00.22.04-A00-1-25')
    """
    last = title.rsplit(None, 1)[-1]
    if last.isdigit() or not any(ch.isdigit() for ch in last):
        return None  # a case id ends the title: a digit, and more than digits, at its end
    start = max(1, len(title) - len(last) - _LABEL_REACH)  # its label just before it
    for match in _case_label(lang).finditer(title, start):
        if title[match.start() - 1].isspace() and match.end() == len(title.rstrip(" .")):
            found = case_id(title[match.start() :], lang)
            if found is not None:
                return title[: match.start()].rstrip(" -–,"), found
    return None


def _nearer_heading(lines: Sequence[Line], index: int, j: int, lang: Language) -> bool:
    """Whether another heading stands nearer the line ``j``, two lines from the heading at
    ``index``: between them ("Punkt 117" / "Punkt 118" / "Lukket punkt"), or right
    beside it across a blank line from this one ("Punkt 118" / "Lukket punkt" / "" /
    "Punkt 112"): a mark there is that heading's."""
    step = 1 if j > index else -1
    between, beyond = index + step, j + step
    if not 0 <= between < len(lines):
        return False
    if opens_numbered(lines[between].text, lang):
        return True
    return (
        not lines[between].text.strip()
        and 0 <= beyond < len(lines)
        and opens_numbered(lines[beyond].text, lang)
    )


def _beside_marks(
    lines: Sequence[Line], lang: Language, skip: frozenset[int], taken: set[int]
) -> list[Heading]:
    """Unnumbered headings: a title on the line before or after a line that is only an
    open/closed mark ("Åben sag", "Åbent punkt"), when no numbered heading has it."""
    found = []
    for index, line in enumerate(lines):
        public = lang.status_of(line.text) if len(line.text) < 20 else None
        if public is None:
            continue
        for j in (index - 1, index + 1):
            if 0 <= j < len(lines) and j not in skip and j not in taken:
                text = lines[j].text.strip()
                if _title_like(text, lang) and not re.match(r"\d", text):
                    score = 1.0 + _evidence(lines, max(j, index), lang)
                    found.append(Heading(min(j, index), j, None, text, public, score))
                    taken.add(j)
                    break
    return found


def is_case_line(text: str, lang: Language) -> bool:
    """A line that is a case id, labelled or by its shape alone."""
    return case_id(text, lang) is not None


@cache
def _case_shape() -> re.Pattern[str]:
    return re.compile(
        r"(?P<case>[A-ZÆØÅ]{2,6}-\d{4}-\d{3,6}"
        r"|\d{2}\.\d{2}(?:\.\d{2})?-?[A-ZÆØÅ]\d{2}(?:-\d{1,6}){0,2}(?:\s*-\s*\d{4}/\d{2,6})?"
        r"|\d{2}/\d{1,6}(?:-\d+|/[A-Z]{2,5})?"  # "16/35237", a planning ref "23/00123/FUL"
        r"|[A-Z]{1,4}\d{4}/\d{2,5}|[A-Z]{2,5}/\d{2}/\d{2,5}"  # "DA2023/045", "CAB/24/003"
        r"|(?:19|20)\d{2}-\d{5,6})"  # a year and a running number: "2024-004422", not "2025-2028"
    )


@cache
def _case_label(lang: Language) -> re.Pattern[str]:
    labels = [w for w, f in lang.label_fields.items() if f == "case"]
    alternation = "|".join(
        re.escape(w).replace(r"\ ", r"\s*") for w in sorted(labels, key=len, reverse=True)
    )
    return re.compile(
        rf"(?:{alternation})\.?\s*:?\s*(?P<case>[A-ZÆØÅ0-9][\w./-]*(?:\s*-\s*\d{{4}}/\d+)?)",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1 << 14)  # chain, _evidence, _continued and items ask of the same lines
def case_id(text: str, lang: Language) -> str | None:
    """The case id a line states: after a case label ("Sags ID: EMN-2017-04615",
    "Sagsnr. 299835 ..."), or a line that is one by its shape ("00.01.00P35-0104").

    >>> from kg.language import language
    >>> case_id("Sagsnr. 299835 Kultur- og Idrætsudvalget Åbent punkt", language("da"))
    '299835'
    >>> case_id("00.30S00 - 2016/41522", language("da"))
    '00.30S00 - 2016/41522'
    >>> case_id("Sag: 23/00211", language("da")), case_id("Sag: Budget", language("da"))
    ('23/00211', None)
    >>> case_id("Sag: 2024-004512 Dok.nr.: 2024-004512-3 Åbent", language("da"))
    '2024-004512'
    >>> case_id("Sag: 23/00211x", language("da"))
    """
    text = leading_mark(text.strip(), lang)[1]  # "Åbent punkt Sagsnr. 00.01.00-A00-1-25"
    labelled = _case_label(lang).match(text)
    if labelled:
        value = labelled["case"].rstrip(".")
        if any(ch.isdigit() for ch in value) or (value.isupper() and len(value) >= 2):
            return value
    shaped = _case_shape().fullmatch(text)
    if shaped:
        return shaped["case"]
    weak = _weak_case_label(lang).match(text)  # "Sag: 23/00211", never "Sag 5"
    shaped = _case_shape().match(weak["case"]) if weak else None
    rest = weak["case"][shaped.end() :] if weak and shaped else ""
    if shaped is None or rest[:1] not in {"", " "}:
        return None  # a row's first field: "Sag: 2024-004512   Dok.nr.: 2024-004512-3"
    return shaped["case"]


@cache
def _weak_case_label(lang: Language) -> re.Pattern[str]:
    """A label that introduces a case id only before a colon and a case-shaped value (it
    also introduces other things: "Sag 5" is an item's number)."""
    words = "|".join(re.escape(w) for w in sorted(lang.weak_case_labels, key=len, reverse=True))
    return re.compile(rf"(?:{words or '(?!)'})\s*:\s*(?P<case>\S.*?)\s*$", re.IGNORECASE)


def chain(found: Sequence[Heading], lines: Sequence[Line], lang: Language) -> list[Heading]:
    """The heaviest run of numbered headings in order and in one form, each number one
    more than the one before (a gap of up to two lost items costs weight), with text
    between each two. Items hold sections: a link between two headings with a section
    heading or a case id between them gains weight, one without loses it, so that a
    numbered list inside a section ("1. Velkomst", "2. Opsamling") is no chain of items."""
    structural = [0]
    for line in lines:
        text = line.text.strip()
        hit = bool(text) and (lang.section_of(text) is not None or is_case_line(text, lang))
        structural.append(structural[-1] + hit)
    numbered = [h for h in found if h.number is not None]
    best: list[tuple[float, int]] = []  # (score of the best chain ending here, previous)
    # whether each heading is marked open or closed, by its mark or a web page's badge
    badged = [h.public is None and badge(h.title, lang) is not None for h in numbered]
    for i, heading in enumerate(numbered):
        assert heading.number is not None
        top, previous = heading.score, -1
        marked = heading.public is not None or badged[i]
        for j in range(i):
            prior = numbered[j]
            assert prior.number is not None
            step = heading.number - prior.number
            between = range(prior.title_index + 1, heading.index)
            if not (1 <= step <= 3 and prior.style == heading.style):
                continue
            empty = not any(lines[k].text.strip() for k in between)
            # "1. T" lines one under another are a list; a closed item, or one a web
            # page's badge marks, may be empty
            unmarked = prior.public is True or (prior.public is None and not badged[j])
            if heading.style not in _STRONG and unmarked and empty:
                continue
            sections = structural[heading.index] - structural[prior.title_index + 1]
            link = 1.5 if sections else 0.0 if marked else -1.0  # a marked item may be empty
            total = best[j][0] + heading.score + link - (step - 1) * 1.5
            if total >= top:
                top, previous = total, j
        best.append((top, previous))
    if not best:
        return []
    strong = [i for i, h in enumerate(numbered) if h.style in _STRONG]
    ends = strong or range(len(best))
    end = max(ends, key=lambda i: (best[i][0], -i))
    out = []
    while end >= 0:
        out.append(numbered[end])
        end = best[end][1]
    return out[::-1]


def is_strong(heading: Heading) -> bool:
    """Whether a heading has a form only item headings have."""
    return heading.style in _STRONG


def strip_page(title: str) -> str:
    """A contents entry's title without the page number at its end."""
    return _TRAILING_PAGE.sub("", _LEADERS.sub("", title)).strip()


def with_number(heading: Heading, number: int | None) -> Heading:
    """The heading numbered ``number`` (an unnumbered one placed by its order)."""
    return replace(heading, number=number)
