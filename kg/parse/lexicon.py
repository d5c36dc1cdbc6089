"""The words a minutes document uses for its parts, one lexicon per language.

The parser is driven by these tables, so a new language is a new `Lexicon`, not new code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.parse.model import DocKind, SectionKind


@dataclass(frozen=True)
class Lexicon:
    """Patterns for one language; every pattern is matched against a whole normalised line."""

    language: str
    #: Title line naming the document kind and the committee (group "committee").
    titles: tuple[tuple[re.Pattern[str], DocKind], ...]
    meeting_time: re.Pattern[str]
    place: re.Pattern[str]
    end_time: re.Pattern[str]
    present: re.Pattern[str]
    absent: re.Pattern[str]
    contents: re.Pattern[str]
    #: "N (Open) Title"; groups "number", "status", "title".
    item_heading: re.Pattern[str]
    open_words: frozenset[str]
    case_id: re.Pattern[str]
    sections: tuple[tuple[re.Pattern[str], SectionKind], ...]
    recommends: re.Pattern[str]
    #: The word joining the last two names of a list ("A, B og C").
    list_and: str
    #: What a list says when it names nobody ("Fraværende: Ingen").
    nobody: frozenset[str]
    #: A decision's opening line naming the committee and date, which is not decision text.
    decision_dateline: re.Pattern[str]
    months: tuple[str, ...]

    def section_of(self, line: str) -> SectionKind | None:
        """The section a heading line opens, or None if it is no section heading."""
        for pattern, kind in self.sections:
            if pattern.fullmatch(line):
                return kind
        return None

    def heading_score(self, lines: list[str]) -> int:
        """How many lines look like this lexicon's headings: picks a document's language."""
        patterns = [p for p, _ in self.sections] + [
            self.item_heading,
            self.case_id,
            self.present,
            self.meeting_time,
        ]
        return sum(1 for line in lines if any(p.match(line) for p in patterns))


def _heading(*words: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?:{alternatives})\s*:?", re.IGNORECASE)


_CASE_ID = r"(?P<case>[A-ZÆØÅ]{2,6}-\d{4}-\d{3,6}|\d{2}/\d{1,6}(?:-\d+)?)"

DANISH = Lexicon(
    language="da",
    titles=(
        (
            re.compile(r"Referat (?:af|fra) (?:møde|mødet) i (?P<committee>.+)", re.I),
            DocKind.MINUTES,
        ),
        (re.compile(r"Beslutningsprotokol (?:for|fra) (?P<committee>.+)", re.I), DocKind.MINUTES),
        (
            re.compile(r"Dagsorden (?:til|for) (?:møde|mødet) i (?P<committee>.+)", re.I),
            DocKind.AGENDA,
        ),
    ),
    meeting_time=re.compile(r"Mødetidspunkt:?\s+(?P<value>.+)", re.I),
    place=re.compile(r"(?:Mødeafholdelse|Mødested|Sted):?\s+(?P<value>.+)", re.I),
    end_time=re.compile(r".*mødet (?:blev )?hævet kl\.?:?\s*(?P<value>\d{1,2}[.:]\d{2})\.?", re.I),
    present=re.compile(r"(?:Tilstede|Til stede|Deltagere):\s*(?P<value>.*)", re.I),
    absent=re.compile(r"(?:Fraværende|Afbud):\s*(?P<value>.*)", re.I),
    contents=re.compile(r"Indholdsfortegnelse:?", re.I),
    item_heading=re.compile(
        r"(?P<number>\d{1,3})\.?\s*\((?P<status>Åben|Åbent|Lukket|Lukket punkt)\)\s+(?P<title>.+)",
        re.I,
    ),
    open_words=frozenset({"åben", "åbent"}),
    case_id=re.compile(rf"(?:Sags ?ID|Sagsnr\.?|Sag nr\.?):?\s*{_CASE_ID}", re.I),
    sections=(
        (_heading("Resumé", "Resume", "Sagsfremstilling kort"), SectionKind.SUMMARY),
        (_heading("Baggrund", "Sagsfremstilling"), SectionKind.BACKGROUND),
        (_heading("Indstilling", "Forslag"), SectionKind.RECOMMENDATION),
        (_heading("Tidligere beslutninger", "Tidligere beslutning"), SectionKind.PRIOR_DECISIONS),
        (_heading("Beslutninger", "Beslutning"), SectionKind.DECISION),
        (_heading("Bilag", "Bilagsfortegnelse"), SectionKind.ATTACHMENTS),
    ),
    recommends=re.compile(r"(?P<unit>.+?)\s+indstiller\b[,:]?\s*(?P<rest>.*)", re.I),
    list_and="og",
    nobody=frozenset({"ingen", "ingen afbud", "ingen fraværende", "intet", "-", "–"}),
    decision_dateline=re.compile(r".+\bden \d{1,2}\. ?[a-zæøå]+ \d{4}", re.I),
    months=(
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ),
)

ENGLISH = Lexicon(
    language="en",
    titles=(
        (
            re.compile(r"Minutes of (?:the )?meeting of (?:the )?(?P<committee>.+)", re.I),
            DocKind.MINUTES,
        ),
        (
            re.compile(r"Agenda (?:for|of) (?:the )?meeting of (?:the )?(?P<committee>.+)", re.I),
            DocKind.AGENDA,
        ),
    ),
    meeting_time=re.compile(r"(?:Meeting time|Time|Date):?\s+(?P<value>.+)", re.I),
    place=re.compile(r"(?:Venue|Place|Location):?\s+(?P<value>.+)", re.I),
    end_time=re.compile(r".*meeting (?:was )?closed at:?\s*(?P<value>\d{1,2}[.:]\d{2})\.?", re.I),
    present=re.compile(r"(?:Present|Attending):\s*(?P<value>.*)", re.I),
    absent=re.compile(r"(?:Absent|Apologies):\s*(?P<value>.*)", re.I),
    contents=re.compile(r"(?:Table of )?Contents:?", re.I),
    item_heading=re.compile(
        r"(?P<number>\d{1,3})\.?\s*\((?P<status>Open|Public|Closed|Confidential)\)\s+(?P<title>.+)",
        re.I,
    ),
    open_words=frozenset({"open", "public"}),
    case_id=re.compile(rf"(?:Case ID|Case no\.?|Case number):?\s*{_CASE_ID}", re.I),
    sections=(
        (_heading("Summary"), SectionKind.SUMMARY),
        (_heading("Background"), SectionKind.BACKGROUND),
        (_heading("Recommendation", "Recommendations"), SectionKind.RECOMMENDATION),
        (_heading("Previous decisions", "Prior decisions"), SectionKind.PRIOR_DECISIONS),
        (_heading("Decision", "Decisions"), SectionKind.DECISION),
        (_heading("Attachments", "Annexes"), SectionKind.ATTACHMENTS),
    ),
    recommends=re.compile(r"(?:The )?(?P<unit>.+?)\s+recommends?\b[,:]?\s*(?P<rest>.*)", re.I),
    list_and="and",
    nobody=frozenset({"none", "nobody", "no apologies", "-", "–"}),
    decision_dateline=re.compile(r".+\bon \d{1,2} [A-Za-z]+ \d{4}", re.I),
    months=(
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ),
)

LEXICONS: tuple[Lexicon, ...] = (DANISH, ENGLISH)


def choose_lexicon(lines: list[str]) -> Lexicon:
    """The lexicon whose headings the lines use most (Danish on a tie)."""
    return max(LEXICONS, key=lambda lex: lex.heading_score(lines))
