"""Who was present and who was absent, from the forms attendance takes in minutes.

Comma lists ("Tilstede: A, B og C", wrapped over lines), one name per line with party
letters and titles ("- Anders Liltorp (A)", "1. Overborgmester Frank Jensen (A)"), a
label alone with its list below ("Fraværende" / "Linda Kofoed Persson"), prose
("Medlemmerne var til stede, undtagen: X var fraværende."), a members' list that counts as
the present only where the absent are listed apart and none of them is among the members,
and a table whose labels and values a mirror ran together ("Medlemmer: Afbud: A, B Ingen").
A name keeps the line it ends on; party letters, titles, substitutes' notes go.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from kg.ingest.model import Line
from kg.language import ANY_LABEL, PARTY_LETTERS, Language, fold_spaces
from kg.parse.model import Located, Span

_PARENS = re.compile(r"\([^()]*\)")
#: An office in brackets after a name: "Ole Berg (formand)".
_OFFICE = re.compile(r"(?P<name>[^,;()]+?)\s*\((?P<office>[^()]+)\)")
#: Where a further field begins on a list's line: a capitalised label and its colon.
_FURTHER_FIELD = re.compile(r"\s+(?=[A-ZÆØÅ][^\W\d_]*(?: [a-zæøå][^\W\d_]*){0,2}:\s)")
#: A party's letters in a column of their own ("A", "SF", "(V)").
_PARTY = re.compile(PARTY_LETTERS)
_ENTRY = re.compile(r"^(?:-\s+|\d{1,2}[.)]\s+)")
#: The particles of names ("Ursula von Berg", "Peter af Rosenborg").
_PARTICLES = ("von", "van", "de", "la", "af", "le", "du")
_NAME_TOKEN = re.compile(rf"(?:[A-ZÆØÅÉÜÖÄ][\w'’-]*\.?|[A-ZÆØÅ]\.|(?:{'|'.join(_PARTICLES)}))$")
#: The end of a sentence after a name and before the next sentence: what follows is no
#: longer the list ("Hansen (V). Kirsten Holm deltog ikke …"); an initial's full stop
#: ("Søren B. Heisel") is none.
_SENTENCE_END = re.compile(r"(?<=\w\w|\w\))\.\s+(?=[A-ZÆØÅ])")
_ABSENCE_TAIL = re.compile(
    r"\s+(?:var|er|har været|havde)\s+(?:fraværende|forhindret|afbud|meldt afbud)\b.*$", re.I
)


@dataclass(frozen=True, slots=True)
class Attendance:
    """The present and the absent (None where the text has no such list), and the lines
    their lists took up."""

    present: tuple[Located[str], ...] | None
    absent: tuple[Located[str], ...] | None
    used: frozenset[int]


@dataclass
class _List:
    field: str
    names: list[Located[str]]
    lines: list[int]
    stated: bool  # a value or "Ingen" was given (an empty "Mødedeltagere:" is not)
    trailing_nobody: bool = False
    #: The rows of an attendance table that mark their member absent ("Anja Sloth F Afbud").
    absent_rows: list[Located[str]] | None = None


def read_attendance(lines: Sequence[Line], lang: Language) -> Attendance:
    """The attendance the lines state; the first list of each kind counts."""
    found: dict[str, _List] = {}
    order: list[_List] = []
    for index, line in enumerate(lines):
        prose = None if "absent" in found else lang.all_present_but.search(line.text)
        if prose:
            names = split_names([(prose["names"], line)], lang)
            found["absent"] = _List("absent", names, [index], True)
            continue
        match = lang.label_line.fullmatch(line.text.strip())
        if match is None:
            continue
        field = lang.field_of(match["label"])
        if field not in {"present", "absent", "members"} or field in found:
            continue
        listed = _read_list(lines, index, match["value"], lang, field)
        if listed.names or listed.stated or match["colon"]:
            found[field] = listed
            order.append(listed)
            if listed.absent_rows and "absent" not in found:
                found["absent"] = _List("absent", listed.absent_rows, [], True)
    _unscramble(order, lang)
    present = found.get("present")
    absent = found.get("absent")
    members = found.get("members")
    if present is None and members is not None and absent is not None and members.names:
        absent_names = {fold_spaces(n.value) for n in absent.names}
        member_text = fold_spaces(" ".join(lines[i].text for i in members.lines))
        if not any(name in member_text for name in absent_names):
            present = members
    used = frozenset(i for listed in found.values() for i in listed.lines)
    partial = absent is not None and any(
        any(ch.isdigit() for ch in lines[i].text) for i in absent.lines
    )  # "Afbud: C (deltog fra kl. 17.30)": there for part of the meeting
    if (
        present is not None and absent is not None and not partial
    ):  # "Deltagere: A, B, C" / "Afbud: C"
        gone = {fold_spaces(n.value) for n in absent.names}
        present.names = [n for n in present.names if fold_spaces(n.value) not in gone]
    return Attendance(
        present=tuple(present.names) if present and (present.names or present.stated) else None,
        absent=tuple(absent.names) if absent is not None else None,
        used=used,
    )


def _read_list(lines: Sequence[Line], index: int, value: str, lang: Language, field: str) -> _List:
    """The names after a label: on its line and the lines continuing it, or, for a label
    alone, the entries below it (one per line, blank lines between allowed)."""
    value = _FURTHER_FIELD.split(value.strip(), maxsplit=1)[0]  # "B. Lund Stedfortræder: Ingen"
    run = _run_table(value, lines[index], lang)
    if run is not None:  # "Navn Parti Status Karen Vestergaard A Til stede Hanne Fjord A Afbud"
        present, absent = run
        return _List(field, present, [index], True, absent_rows=absent)
    ended = _sentence_end(value, lang)  # "Afbud fra A (V). Som stedfortræder deltog B."
    if ended is not None:
        value = value[:ended]
    pieces: list[tuple[str, Line]] = [(value, lines[index])] if value else []
    used = [index]
    j = index + 1
    if value and ended is None:
        while (
            j < len(lines)
            and lines[j].text.strip()
            and _continues(lines[j].text, lang, pieces[-1][0])
        ):
            pieces.append((lines[j].text, lines[j]))
            used.append(j)
            j += 1
    elif not value and (table := _table(lines, j, lang)) is not None:
        present, absent, rows = table
        return _List(field, present, [index, *rows], True, absent_rows=absent)
    elif not value and (below := _comma_list_below(lines, j, lang)) is not None:
        listed = _read_list(lines, below, lines[below].text, lang, field)  # as if beside it
        listed.lines.insert(0, index)
        return listed
    elif not value:
        while j < len(lines):
            text = lines[j].text.strip()
            if not text:
                j += 1
                continue
            if not _is_entry(text, lang):
                break
            pieces.append((text, lines[j]))
            used.append(j)
            j += 1
    stated = bool(pieces)
    trailing = False
    if pieces:
        last_text, last_line = pieces[-1]
        words = last_text.rstrip(" .").rsplit(" ", 1)
        if len(words) == 2 and words[1].casefold().strip(".") in lang.nobody:
            pieces[-1] = (words[0], last_line)
            trailing = True
    names = split_names(pieces, lang)
    away = _marked_absent(pieces, lang) if field != "absent" else set()
    if away:  # "Kim Hansen (afbud)" in the list of those taking part
        gone = [n for n in names if fold_spaces(n.value) in away]
        names = [n for n in names if fold_spaces(n.value) not in away]
        return _List(field, names, used, stated, trailing, absent_rows=gone)
    return _List(field, names, used, stated, trailing)


def _marked_absent(pieces: Sequence[tuple[str, Line]], lang: Language) -> set[str]:
    """The names a list marks absent in brackets after them ("Kim Hansen (afbud)"),
    folded."""
    found = set()
    for text, _ in pieces:
        for match in _OFFICE.finditer(text):
            if lang.field_of(match["office"].strip().casefold()) == "absent":
                found.add(fold_spaces(_clean(match["name"], lang)))
    return found


def _run_table(
    text: str, line: Line, lang: Language
) -> tuple[list[Located[str]], list[Located[str]]] | None:
    """An attendance table a mirror ran into one line, its column heads first ("Navn
    Parti Status Karen Vestergaard A Til stede (borgmester) Hanne Fjord A Afbud ..."):
    each row a name, a party's letters and a status; the present and the absent. None
    where ``text`` opens with no table's heads or holds fewer than two rows.

    >>> from kg.language import language
    >>> from kg.ingest.model import Line
    >>> row = "Navn Parti Status Bo Ek A Til stede Hanne Fjord A Afbud Ole Bak V Til stede - "
    >>> row += "for Hanne Fjord Lise Agger SF Til stede"
    >>> found = _run_table(row, Line("", 1, 1, 1), language("da"))
    >>> [[n.value for n in names] for names in found]
    [['Bo Ek', 'Ole Bak', 'Lise Agger'], ['Hanne Fjord']]
    """
    words = text.split()
    heads = 0
    while heads < len(words) and fold_spaces(words[heads]) in lang.attendance_columns:
        heads += 1
    if heads < 2:
        return None
    rest = " ".join(words[heads:])
    present: list[Located[str]] = []
    absent: list[Located[str]] = []
    seen: list[str] = []
    where = Span(line.page, line.first, line.last)
    end = 0  # where the row before ended: what follows it up to a name is its remark
    for row in _run_row(lang).finditer(rest):
        before = rest[end : row.start()].split()[-4:]
        end = row.end()
        taken: list[str] = []
        for word in reversed(before):
            if not _NAME_TOKEN.match(word) or word.endswith((")", ",")) or len(taken) == 4:
                break
            taken.insert(0, word)
        for known in seen:  # "stedfortræder for Hanne Fjord Lise Agger": a row's name
            if " ".join(taken).startswith(known + " "):
                taken = taken[len(known.split()) :]
        name = " ".join(taken[-3:])
        if not _is_name(name):
            continue
        seen.append(name)
        field = lang.field_of(row["label"])
        (absent if field == "absent" else present).append(Located(name, where, name))
    return (present, absent) if len(present) + len(absent) >= 2 else None


@cache
def _run_row(lang: Language) -> re.Pattern[str]:
    """A party's letters and a status, as a run-together table's row ends its name."""
    return re.compile(
        rf"\s(?:{PARTY_LETTERS})\s+(?P<label>(?i:{lang.labels_of('present', 'absent')}))(?!\w)"
    )


def _comma_list_below(lines: Sequence[Line], first: int, lang: Language) -> int | None:
    """The line of a comma list of names right below a label alone ("Medlemmer" /
    "Jette Dalsgaard (A), Kim Overgaard (V), Susanne Riis Mortensen"), if one stands
    there (one blank line allowed)."""
    if first < len(lines) and not lines[first].text.strip():
        first += 1
    if first >= len(lines):
        return None
    text = lines[first].text.strip()
    ended = _sentence_end(text, lang)  # "Karen Lykke Sand (V). Stedfortræder … deltog."
    listed = _without_parens(text).count(",") >= 2 or f" {lang.list_and} " in text
    if ended is not None:
        text, listed = text[:ended], True
    return first if listed and _is_entry(text, lang) else None


def _table(
    lines: Sequence[Line], first: int, lang: Language
) -> tuple[list[Located[str]], list[Located[str]], list[int]] | None:
    """An attendance table below its label: a row of column heads ("Navn Parti
    Fremmøde"), then a row a member, ending in what the member did ("Til stede",
    "Afbud"); its present, its absent and the lines it took. None where no such table
    stands at ``first`` (blank lines skipped)."""
    while first < len(lines) and not lines[first].text.strip():
        first += 1
    if first >= len(lines) or not _is_table_head(lines[first].text, lang):
        return None
    present: list[Located[str]] = []
    absent: list[Located[str]] = []
    rows = [first]
    head = lines[first].cells
    for j in range(first + 1, len(lines)):
        cells = lines[j].cells
        if len(cells) >= 2:
            row = _cells_row(cells, head, lang)
        else:
            row = _table_row(lines[j].text.strip(), lang)
        if row is None:
            break
        name, field = row  # a row without a status: the list's own field
        where = Span(lines[j].page, lines[j].first, lines[j].last)
        (absent if field == "absent" else present).append(Located(name, where, name))
        rows.append(j)
    return present, absent, rows


#: A cross in a table's cell: the member did what the column's head says.
_CROSS = frozenset({"x", "✓", "✔", "ja"})


def _cells_row(cells: Sequence[str], head: Sequence[str], lang: Language) -> tuple[str, str] | None:
    """A table row whose cells the source kept apart: the member in the first, and
    present or absent where a cell is a status ("Til stede", "Afbud") or a cross under a
    status's head ("Fremmødt | Afbud" over "X").

    >>> from kg.language import language
    >>> da = language("da")
    >>> _cells_row(["Otto Kjærgaard", "Ravnsholm", "Stedfortræder", "Til stede"], [], da)
    ('Otto Kjærgaard', 'present')
    >>> _cells_row(["Bo Riisager (V)", "", "X"], ["Navn", "Fremmødt", "Afbud"], da)
    ('Bo Riisager', 'absent')
    """
    field = ""
    for index, cell in enumerate(cells[1:], 1):
        status = _status_at_start(lang).fullmatch(cell.strip())
        if status is None and cell.strip().casefold() in _CROSS and len(cells) == len(head):
            status = _status_at_start(lang).fullmatch(head[index].strip())
        if status is not None:
            field = str(lang.field_of(status["label"]))
            break
    name = _clean(cells[0].split(",")[0], lang)  # "Anders Kirk Damgaard, formand"
    return (name, field) if _is_name(name) else None


def _is_table_head(text: str, lang: Language) -> bool:
    """Whether a line is an attendance table's column heads ("Navn  Parti  Fremmøde")."""
    words = [fold_spaces(w).strip(".:") for w in re.split(r"[\s/]+", text.strip())]
    return 2 <= len(words) <= 6 and all(w in lang.attendance_columns for w in words)


def _table_row(text: str, lang: Language) -> tuple[str, str] | None:
    """A table row's member and, where the row ends in a label of either ("Til stede",
    "Afbud"), whether present or absent (else ""); a party's letters go, and what the
    columns after them say that is no status ("Anders Bak  A  Formand", "Peter Brund  F
    Deltog fra punkt 3": there, for part of the meeting).

    >>> from kg.language import language
    >>> da = language("da")
    >>> _table_row("Anders Kjær Bak A Formand", da), _table_row("Bent Sølvsten V Afbud", da)
    (('Anders Kjær Bak', ''), ('Bent Sølvsten', 'absent'))
    >>> _table_row("Peter Brund F Deltog fra punkt 3", da), _table_row("Ole Holm Næstformand", da)
    (('Peter Brund', ''), ('Ole Holm', ''))
    """
    rest, field = text, ""
    end = _status_at_end(lang).search(text)
    if end is not None:
        rest, field = text[: end.start()], str(lang.field_of(end["label"]))
    words = rest.split()
    party = [i for i, w in enumerate(words) if i >= 2 and _PARTY.fullmatch(w)]
    if party:
        remark = " ".join(words[party[-1] + 1 :])  # "Fremmødt  Borgmester"
        status = _status_at_start(lang).match(remark)
        if status is not None and not field:
            field = str(lang.field_of(status["label"]))
        del words[party[-1] :]  # the party's letters and the remark after them
    while len(words) > 2 and _PARTY.fullmatch(words[-1]):
        words.pop()  # "Bo Riisager  V  X": a mark in a column of its own, then the party
    while len(words) > 2 and words[-1].casefold() in lang.name_titles:
        words.pop()  # an office in a column of its own
    name = _clean(" ".join(words), lang)
    return (name, field) if _is_name(name) else None


@cache
def _status_at_start(lang: Language) -> re.Pattern[str]:
    """A present or absent label opening a table row's remark ("Fremmødt Borgmester")."""
    return re.compile(rf"(?P<label>{lang.labels_of('present', 'absent')})(?!\w)", re.IGNORECASE)


@cache
def _status_at_end(lang: Language) -> re.Pattern[str]:
    """A present or absent label ending a line ("… Til stede", "… Afbud"), longest first."""
    return re.compile(rf"\s(?P<label>{lang.labels_of('present', 'absent')})\s*$", re.IGNORECASE)


def _sentence_end(text: str, lang: Language) -> int | None:
    """Where the first sentence of a list's value ends, if another follows (with a
    lower-case word among its first four): not at the full stop of an abbreviated title
    ("Cllr. Eoin Tuohy", "Borgm. Anne Hansen").

    >>> from kg.language import language
    >>> _sentence_end("Jens Hansen (V). Som stedfortræder deltog Ole Brink", language("da"))
    15
    >>> en, da = language("en"), language("da")
    >>> _sentence_end("Cllr. Eoin Tuohy", en), _sentence_end("Søren B. Heisel", da)
    (None, None)
    >>> _sentence_end("Borgm. Anne Hansen (A), Rådm. Bo Jensen (V)", da)
    """
    for match in _SENTENCE_END.finditer(text):
        word = text[: match.start()].rsplit(None, 1)[-1]
        after = text[match.end() :].split()[:4]
        sentence = (
            any(  # "Som stedfortræder deltog"; not "Jens Chr. Hansen og Bo Jensen"
                w[:1].islower() and w != lang.list_and and w not in _PARTICLES for w in after
            )
            or (  # "Karen Sand (V). Stedfortræder Jens Ole Mikkelsen (V) var indkaldt"
                word.endswith(")") and bool(after) and after[0].casefold() in lang.name_titles
            )
        )
        if sentence and (word.endswith(")") or word.casefold() not in lang.name_titles):
            return match.start()
    return None


def _continues(text: str, lang: Language, above: str) -> bool:
    """Whether a line continues a list begun on the line ``above`` (a wrapped PDF list);
    a label the language does not know ends it ("Forfall:"), unless the line above ends
    in a comma ("A, B,"/"Suppleant: C, D")."""
    other = ANY_LABEL.match(text.strip()) and not above.rstrip().endswith(",")
    return not (
        lang.label_line.fullmatch(text.strip())
        or other
        or lang.section_of(text) is not None
        or re.match(r"\d{1,3}\.?\s*\(|\d{1,3}[.)]\s+[A-ZÆØÅ]", text)  # an item's heading
        or len(text) > 200
    )


def _is_entry(text: str, lang: Language) -> bool:
    """A line of a one-per-line list: a bullet or number and a name, or a short name."""
    if lang.label_line.fullmatch(text) or lang.section_of(text) is not None:
        return False
    if fold_spaces(text).strip(" .") in lang.nobody:
        return True
    body = _ENTRY.sub("", text)
    head = re.split(r"\s+[-–]\s+|,\s*", _without_parens(body))[0]  # "A (V) - Formand"
    return bool(_ENTRY.match(text) or len(head.split()) <= 7) and _is_name(_clean(head, lang))


def _unscramble(order: Sequence[_List], lang: Language) -> None:
    """A table a mirror ran together: an empty label, then a label whose value ends in
    "Ingen": the names belong to the first, "Ingen" to the second."""
    for first, second in pairwise(order):
        if not first.names and not first.stated and second.trailing_nobody and second.names:
            first.names, second.names = second.names, []
            first.stated = True


def split_names(pieces: Sequence[tuple[str, Line]], lang: Language) -> list[Located[str]]:
    """Names from a list that may run over several lines; a name broken at a line end is
    joined and located on the line where it ends; what is no name is left out."""
    names: list[Located[str]] = []
    carry = ""
    separator = rf",\s*|;\s*|\s+{lang.list_and}(?:\s+|$)|\s+[-–]\s+"
    for index, (text, line) in enumerate(pieces):
        offices = _offices(f"{carry} {_ENTRY.sub('', text.strip())}", lang)
        value = _without_parens(f"{carry} {_ENTRY.sub('', text.strip())}")
        parts = re.split(separator, value)
        last_piece = index == len(pieces) - 1
        ends_with_separator = bool(re.search(rf"(,|;|\s{lang.list_and})\s*$", text))
        one_per_line = bool(_ENTRY.match(text.strip())) or (len(pieces) > 1 and "," not in text)
        carry = "" if last_piece or ends_with_separator or one_per_line else parts.pop()
        for part in parts:
            name = _clean(part, lang)
            if name and _is_name(name):
                where = Span(line.page, line.first, line.last)
                office = offices.get(name)  # as written: "Ole Berg (formand)"
                names.append(Located(name, where, f"{name} ({office})" if office else name))
    return names


def _offices(text: str, lang: Language) -> dict[str, str]:
    """The names an office in brackets follows ("Ole Berg (formand)"), to the office."""
    found = {}
    for match in _OFFICE.finditer(text):
        office = match["office"].strip()
        if office.casefold() in lang.name_titles:
            last = re.split(rf"\s+{lang.list_and}\s+", match["name"])[-1]
            found[_clean(last, lang)] = office
    return found


def _without_parens(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _PARENS.sub("", text)
    return text.replace("(", " ").replace(")", " ")


def _clean(part: str, lang: Language) -> str:
    """One list entry as a name: no titles before it, no absence note after it."""
    text = _ABSENCE_TAIL.sub("", " ".join(_without_parens(part).split())).strip(" .;:")
    if lang.name_statement.search(f" {text} ") and not _ABSENCE_TAIL.search(text):
        head = lang.name_statement.split(f" {text} ", maxsplit=1)[0].strip()
        if head != text:
            return ""
    words = text.split()
    while words:  # titles of one or two words: "Cllr", "Council Member"
        if len(words) > 2 and " ".join(words[:2]).casefold().strip(".,") in lang.name_titles:
            del words[:2]
        elif words[0].casefold().strip(".,:") in lang.name_titles:
            words.pop(0)
        else:
            break
    name = " ".join(words)
    if fold_spaces(name) in lang.nobody:
        return ""
    return name


def _is_name(text: str) -> bool:
    """Two to six name words, each capitalised (initials and particles allowed)."""
    words = text.split()
    if not 2 <= len(words) <= 6 or any(ch.isdigit() for ch in text):
        return False
    return all(_NAME_TOKEN.match(w) for w in words) and words[0][0].isupper()
