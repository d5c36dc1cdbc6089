"""The sentences and headings of synthetic documents, in Danish and English.

The headings are the ones kg.parse.lexicon reads; the sentences are plain and free of
technology words except those placed on purpose, so the truth about concepts stays exact.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from functools import cache

from kg.language import language

#: Words a shortened title does not end with.
_SMALL_WORDS = frozenset(
    ("og", "om", "for", "af", "i", "med", "til", "på", "the", "of", "and", "in")
)


@dataclass(frozen=True)
class Phrases:
    """One language's headings and sentence makers."""

    language: str
    minutes_title: str
    agenda_title: str
    #: The letterhead naming the municipality ("{} Kommune").
    letterhead: str
    time_label: str
    place_label: str
    closing: tuple[str, str]
    present: str
    absent: str
    contents: str
    markers: tuple[str, str]
    case_label: str
    headings: tuple[str, str, str, str, str, str]
    recommends: str
    and_word: str
    any_other_business: str
    asked: str
    nothing: str
    closed_proposal: str
    months: tuple[str, ...]

    @property
    def tech_index(self) -> int:
        return 0 if self.language == "da" else 1

    @property
    def subject_index(self) -> int:
        return self.tech_index

    def names(self, names: list[str]) -> str:
        """ "A, B og C" (or "A, B and C")."""
        if len(names) < 2:
            return "".join(names)
        return f"{', '.join(names[:-1])} {self.and_word} {names[-1]}"

    def dateline(self, committee: str, day: date) -> str:
        month = self.months[day.month - 1]
        if self.language == "da":
            return f"{committee} den {day.day}. {month} {day.year}"
        return f"{committee} on {day.day} {month} {day.year}"

    def to_committee(self, committee: str) -> str:
        return f"Til {committee}:" if self.language == "da" else f"To {committee}:"

    def summary(self, committee: str, title: str, rng: random.Random) -> str:
        topic = title[0].lower() + title[1:]
        if self.language == "da":
            tail = rng.choice(
                (
                    "Sagen forelægges til beslutning.",
                    "Sagen forelægges til orientering og drøftelse.",
                    "Forvaltningen anbefaler, at udvalget godkender oplægget.",
                )
            )
            return f"{committee} skal behandle sagen om {topic}. {tail}"
        tail = rng.choice(
            (
                "The matter is submitted for decision.",
                "The matter is submitted for information and discussion.",
            )
        )
        return f"{committee} is asked to consider {topic}. {tail}"

    def background(self, town: str, techs: list[str], rng: random.Random) -> list[str]:
        """Paragraphs (blank lines between), a short list, and the technologies named."""
        n = rng.randrange(120, 2400)
        if self.language == "da":
            lines = [
                f"Forvaltningen har gennemgået området i {town} og fundet {n} sager, "
                f"som er behandlet i løbet af året.",
                "",
                rng.choice(
                    (
                        "Der er behov for en fælles retning for de kommende års arbejde:",
                        "Indsatsen bygger på tre spor:",
                    )
                ),
                "",
                f"- Dialog med borgerne i {town}",
                "- Samarbejde med foreninger og lokalråd",
                "- Opfølgning i udvalget hvert halve år",
            ]
            for tech in techs:
                lines += ["", f"Det foreslås at afprøve {tech} i {town} i en periode på to år."]
            return lines
        lines = [
            f"The administration has reviewed the area in {town} and found {n} cases "
            "handled during the year.",
            "",
            "The work rests on three tracks:",
            "",
            f"- Dialogue with the citizens of {town}",
            "- Cooperation with local associations",
            "- Follow-up in the committee every six months",
        ]
        for tech in techs:
            lines += ["", f"It is proposed to trial {tech} in {town} for a period of two years."]
        return lines

    def proposal(self, title: str, rng: random.Random) -> str:
        topic = title[0].lower() + title[1:]
        if self.language == "da":
            if rng.random() < 0.5:
                return f"At oplægget om {topic} godkendes."
            return f"At udvalget godkender {topic}."
        return f"That the committee approves the proposal on {topic}."

    def prior(self, committee: str, earlier: tuple[str, date, int], rng: random.Random) -> str:
        _, day, number = earlier
        line = self.dateline(committee, day)
        if self.language == "da":
            return f"{line}, pkt. {number}: Godkendt."
        return f"{line}, item {number}: Approved."

    def attachment(self, title: str, k: int) -> str:
        """A short attachment title (a long one would wrap in a PDF's list of attachments)."""
        kinds = (
            ("Notat", "Bilag til sagen", "Oversigt")
            if self.language == "da"
            else (
                "Memo",
                "Annex",
                "Overview",
            )
        )
        words = title.split()
        while len(words) > 1 and (len(" ".join(words)) > 36 or words[-1] in _SMALL_WORDS):
            words.pop()
        return f"{kinds[k % 3]}: {' '.join(words)}"

    def closed_summary(self, citizen: str, cpr: str) -> str:
        if self.language == "da":
            return f"Sagen vedrører {citizen}, cpr.nr. {cpr}, og behandles for lukkede døre."
        return f"The matter concerns {citizen}, CPR no. {cpr}, and is dealt with in private."


DANISH = Phrases(
    language="da",
    minutes_title="Referat af møde i {}",
    agenda_title="Dagsorden til møde i {}",
    letterhead="{} Kommune",
    time_label="Mødetidspunkt",
    place_label="Mødeafholdelse",
    closing=("Protokollen blev læst", "og mødet hævet kl.: {}"),
    present="Tilstede:",
    absent="Fraværende:",
    contents="Indholdsfortegnelse",
    markers=("Åben", "Lukket"),
    case_label="Sags ID:",
    headings=(
        "Resumé",
        "Baggrund",
        "Indstilling",
        "Tidligere beslutninger:",
        "Beslutninger:",
        "Bilag",
    ),
    recommends="{} indstiller",
    and_word="og",
    any_other_business="Eventuelt",
    asked=" spurgte til status for sagen. Forvaltningen svarer skriftligt.",
    nothing="Intet.",
    closed_proposal="At forvaltningens forslag godkendes.",
    months=language("da").month_names,
)

ENGLISH = Phrases(
    language="en",
    minutes_title="Minutes of the meeting of {}",
    agenda_title="Agenda for the meeting of {}",
    letterhead="{} Municipality",
    time_label="Meeting time",
    place_label="Venue",
    closing=("The minutes were read", "and the meeting was closed at: {}"),
    present="Present:",
    absent="Absent:",
    contents="Contents",
    markers=("Open", "Closed"),
    case_label="Case ID:",
    headings=(
        "Summary",
        "Background",
        "Recommendation",
        "Previous decisions:",
        "Decision:",
        "Attachments",
    ),
    recommends="{} recommends",
    and_word="and",
    any_other_business="Any other business",
    asked=" asked about the status of the matter. The administration will reply in writing.",
    nothing="Nothing.",
    closed_proposal="That the proposal of the administration is approved.",
    months=tuple(m.capitalize() for m in language("en").month_names),
)


@cache
def phrases_for(language: str) -> Phrases:
    """The phrases of "da" or "en"."""
    return {"da": DANISH, "en": ENGLISH}[language]
