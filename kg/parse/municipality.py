"""Which municipality a document comes from, where its text names one.

"Gentofte Kommune", "TÅRNBY KOMMUNE", "Frederikssund Kommunes logo", "Københavns
Kommune", "Aarhus Byråd": a known municipality's name before a municipality word or as
the first word of the committee's name. The header's mentions win over the body's, and
the body's are counted. A name the language's table does not know is taken only where it
is the one such name the text uses, at least twice. Where the text names none, the user
says it (`kg build --municipality`, a sidecar file).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from kg.ingest.model import Line
from kg.language import Language
from kg.parse.header import Header, span
from kg.parse.model import Located

#: Lines from the top that count as the header for this purpose.
_TOP = 25


@cache
def _mention(lang: Language) -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(lang.municipality_words, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])(?P<name>[A-ZÆØÅ][\w-]+(?:[- ][A-ZÆØÅ][\w-]+){{0,2}}?)\s+(?i:{words})(?![\w])"
    )


def find_municipality(
    raw: Sequence[Line], lines: Sequence[Line], header: Header, lang: Language
) -> Located[str] | None:
    """The municipality the text names, with the line that names it, or None."""
    if header.committee is not None:
        first = header.committee.value.split()[0] if header.committee.value else ""
        known = lang.municipality(first)
        rest = header.committee.value.split()[1:]
        if known and rest and rest[-1].casefold() in lang.committee_nouns:
            return Located(known[0], header.committee.span, header.committee.raw)
    top = [line for line in raw if line.text.strip()][:_TOP]
    for line in top:
        found = _named(line.text, lang) or _letterhead(line.text, lang)
        if found:
            return Located(found, span(line), line.text)
    named, unknown, where = _tally(lines, lang)
    if named:
        name, _ = named.most_common(1)[0]
        return Located(name, span(where[name]), where[name].text)
    if (often := _named_often(lines, lang)) is not None:
        return often
    if len(unknown) == 1:  # a name the table does not know, the only one, at least twice
        ((name, seen),) = unknown.items()
        if seen >= 2:
            return Located(name, span(where[name]), where[name].text)
    return None


def _tally(
    lines: Sequence[Line], lang: Language
) -> tuple[Counter[str], Counter[str], dict[str, Line]]:
    """How often each municipality is named "X Kommune" in the lines, the table's ones
    and the others apart, and the first line naming each."""
    known: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    where: dict[str, Line] = {}
    for line in lines:
        for match in _mention(lang).finditer(line.text):
            name = match["name"]
            found = lang.municipality(name)
            if found:
                name = found[0]
                known[name] += 1
            elif " " in name or name.isupper() or name.casefold() in lang.committee_nouns:
                continue
            else:
                unknown[name] += 1
            where.setdefault(name, line)
    return known, unknown, where


#: How often a municipality's bare name must stand in a text to name the municipality.
_OFTEN = 4


def _named_often(lines: Sequence[Line], lang: Language) -> Located[str] | None:
    """A municipality whose name alone stands in many places ("Rudersdal Museer", "Ung i
    Rudersdal", ...), where no other known name does: the text is that municipality's.
    A single mention (an address: "2650 Hvidovre") is not enough."""
    counts: Counter[str] = Counter()
    where: dict[str, Line] = {}
    for line in lines:
        for word in re.findall(r"(?<![\w-])[A-ZÆØÅ][\w-]+", line.text):
            known = lang.municipality(word)
            if known and known[0].casefold() == word.casefold().rstrip("s"):
                counts[known[0]] += 1
                where.setdefault(known[0], line)
    common = counts.most_common(2)
    if common and common[0][1] >= _OFTEN and (len(common) == 1 or common[1][1] * 2 < common[0][1]):
        name = common[0][0]
        return Located(name, span(where[name]), where[name].text)
    return None


def _letterhead(text: str, lang: Language) -> str | None:
    """A line that is a municipality's name and nothing else ("Vestby Kommune", "VESTBY
    KOMMUNE"): a letterhead names its municipality, known to the table or not."""
    match = _mention(lang).fullmatch(text.strip(" .,"))
    if match is None or match["name"].casefold() in lang.committee_nouns:
        return None
    name = match["name"]
    return name.title() if name.isupper() else name


def _named(text: str, lang: Language) -> str | None:
    for match in _mention(lang).finditer(text):
        known = lang.municipality(match["name"])
        if known:
            return known[0]
    return None
