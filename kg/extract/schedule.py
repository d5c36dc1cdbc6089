"""When an agenda says its meeting is held: an agenda without a meeting-time header often
announces it in its text ("mødes … tirsdag den 25. april 2017 kl. 19.00-21.00"), and its
graph states those times as read there, not the minutes' (issue 13)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from kg.language import language
from kg.parse.dates import find_dates, parse_clock
from kg.parse.model import DocKind, Located, MinutesDoc, SectionKind, pickled_by_fields

#: The clock times right after a date: "kl. 19.00-21.00", "kl. 16.30".
_CLOCKS = re.compile(
    r"[ ,]*kl\.?\s*(?P<start>\d{1,2}[.:]\d{2})(?:\s*[-–]\s*(?P<end>\d{1,2}[.:]\d{2}))?",
    re.IGNORECASE,
)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Schedule:
    """The day an agenda's text names, with the start and end times written after it."""

    day: date
    start: Located[time]
    end: Located[time] | None = None


def agenda_schedule(doc: MinutesDoc) -> Schedule | None:
    """The first date with a clock time in an agenda's texts, where the agenda has no
    meeting time of its own (a header); None for minutes and for agendas that have one.

    The mapping states it only where the day is the meeting's own."""
    if doc.kind is not DocKind.AGENDA or doc.start is not None:
        return None
    lang = language(doc.language)
    for item in doc.items:
        for section in item.sections:
            if section.kind not in (SectionKind.SUMMARY, SectionKind.BACKGROUND):
                continue
            text = section.text.value
            for found in find_dates(text, lang):
                clocks = _CLOCKS.match(text, found.end)
                if clocks is None:
                    continue
                try:
                    start = parse_clock(clocks["start"])
                    end = parse_clock(clocks["end"]) if clocks["end"] else None
                except ValueError:
                    continue
                span = section.span_at(found.start)
                said = text[found.start : clocks.end()]
                return Schedule(
                    found.day,
                    Located(start, span, said),
                    Located(end, span, said) if end is not None else None,
                )
    return None


#: "4. møde", "fjerde møde", "2. gang" (as in "mødes 2. gang"): a meeting's place in its
#: committee's series.
_ORDINAL_WORDS = {
    "første": 1,
    "anden": 2,
    "andet": 2,
    "tredje": 3,
    "fjerde": 4,
    "femte": 5,
    "sjette": 6,
    "syvende": 7,
    "ottende": 8,
    "niende": 9,
    "tiende": 10,
}
_ORDINAL = re.compile(
    rf"\b(?:(?P<num>\d{{1,2}})\.|(?P<word>{'|'.join(_ORDINAL_WORDS)}))\s+(?:møde|gang)\b",
    re.IGNORECASE,
)
_TITLE_ORDINAL = re.compile(rf"^(?:dagsorden til\s+)?{_ORDINAL.pattern}", re.IGNORECASE)
_CONFERENCE = re.compile(r'\bkonferencen\s+"(?P<title>[^"\n]{3,200})"', re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÆØÅ])")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class MeetingFact:
    """A fact a text states of a meeting: its ``ordinal`` ("4. møde") or the title of the
    ``conference`` it was held as; ``day`` is the date the sentence names (None for an
    item's title, which speaks of its own meeting)."""

    kind: str
    value: Located[str]
    day: date | None


def meeting_facts(doc: MinutesDoc) -> tuple[MeetingFact, ...]:
    """The ordinals and conference titles of meetings in a document's item titles and
    texts; a text's count only with the date it names ("På første møde" is another's)."""
    lang = language(doc.language)
    found: list[MeetingFact] = []
    for item in doc.items:
        if item.title is not None and (m := _TITLE_ORDINAL.match(item.title.value)):
            found.append(MeetingFact("ordinal", Located(_number(m), item.title.span, m[0]), None))
        for section in item.sections:
            if section.kind is SectionKind.ATTACHMENTS:
                continue
            text = section.text.value
            # the words each pattern must find, looked for first (a long text is searched
            # by a case-blind pattern position by position); lowering is exact for them
            lowered = text.lower()
            ordinals = "møde" in lowered or "gang" in lowered
            for m in _ORDINAL.finditer(text) if ordinals else ():
                end = _SENTENCE_END.search(text, m.end())
                dates = find_dates(text[m.end() : end.start() if end else len(text)][:60], lang)
                if dates:
                    where = section.span_at(m.start())
                    value = Located(_number(m), where, m[0])
                    found.append(MeetingFact("ordinal", value, dates[0].day))
            for m in _CONFERENCE.finditer(text) if "konferencen" in lowered else ():
                before = find_dates(text[max(0, m.start() - 100) : m.start()], lang)
                if before:
                    where = section.span_at(m.start("title"))
                    value = Located(" ".join(m["title"].split()), where, m["title"])
                    found.append(MeetingFact("conference", value, before[-1].day))
    return tuple(found)


def _number(match: re.Match[str]) -> str:
    return match["num"] or str(_ORDINAL_WORDS[match["word"].lower()])
