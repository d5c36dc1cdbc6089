"""The Danish phrasings that name people, groups, projects and organisations in item text."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

_UPPER = "A-ZÆØÅ"
_LOWER = "a-zæøåéüö"
_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
#: A person's name: two to five capitalised words or initials ("Torben H. D. Petersen").
_PARTICLE = r"(?:de|van|von|der|den|la|le|du|da|di|af|ten|ter)"
NAME = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)?(?:[{_UPPER}]\.|{_WORD})){{1,4}}"
#: A job title: one capitalised word ("Innovationschef", "Forstander").
TITLE = rf"[{_UPPER}][{_LOWER}]+"
#: An organisation's name: capitalised words, "og" and "&" allowed between them.
ORG = rf"[{_UPPER}][\w&-]*(?:\s+(?:(?:og|&|for|af)\s+)?[{_UPPER}][\w&-]*)*"

#: "Gry Ravn, Innovationschef i Gentofte Kommune"
TITLE_IN_ORG = re.compile(rf"(?P<name>{NAME}), (?P<title>{TITLE}) i (?P<org>{ORG})")
#: "Oplæg ved Tim Frank Andersen, Digitaliseringsdirektør Charlie Tango samt …"
TITLE_ORG = re.compile(
    rf"(?P<cue>Oplæg ved|[Ii]nterviewer|[Ii]nterviewede) (?P<name>{NAME}), (?P<title>{TITLE}) "
    rf"(?P<org>{ORG})(?=\s+samt\b|\s+om\b|,|\.|$)"
)
#: "Oplæg ved Lærke Abildgaard, Chefkonsulent i Varmepumpeforum Vest"
PRESENTED_BY = re.compile(rf"Oplæg ved (?P<name>{NAME}),")
#: "Gry Ravn, Innovationschef i Gentofte Kommune, interviewer Tim Frank Andersen"
INTERVIEW = re.compile(rf"(?P<name>{NAME}),[^.\n]*?\binterview(?:er|ede) (?P<other>{NAME})")
#: "- Demens v/Berit Kronby, Forstander, Rygårdscenteret, Gentofte Kommune"
OWNED = re.compile(
    rf"^(?:-\s*)?(?P<topic>[^\n]+?) v/\s*(?P<name>{NAME}), (?P<title>{TITLE})"
    rf"(?P<chain>(?:, {ORG})*)\s*$",
    re.MULTILINE,
)
#: "Følgende medlemmer i udvalget ser på Sundhedsdata: A, B, C."
GROUP = re.compile(
    r"^Følgende medlemmer (?:i|af) udvalget (?:ser på|arbejder med|arbejder videre med) "
    r"(?P<project>[^:\n]+): (?P<names>[^\n]+?)\.?$",
    re.MULTILINE,
)
#: "… arbejder videre med følgende tre projekter:" and the list that follows.
ANNOUNCED = re.compile(
    r"følgende (?:\w+ )?(?:projekter|innovationsprojekter|emner)"
    r"(?: som innovationsprojekter)?:\s*\n"
    r"(?P<list>(?:- [^\n]+(?:\n|$))+)",
    re.IGNORECASE,
)
#: A committee's name as running text writes it.
COMMITTEE = (
    rf"(?:(?:Opgave)?[Uu]dvalg(?:et)? (?:om|for) [\w-]+(?: og [\w-]+)?"
    rf"|[{_UPPER}][\w]*-? (?:og [{_UPPER}]?[\w]*)?udvalget|[{_UPPER}][\w]*udvalget)"
)
COLLABORATION = re.compile(rf"i samarbejde med (?P<org>{COMMITTEE})")
#: "Følgende samarbejdsplatforme … blev udvalgt: Dels facebook … samt platformen Trello"
PLATFORM_CUE = re.compile(r"samarbejdsplatform", re.IGNORECASE)
_LIST_AFTER_COLON = re.compile(r"\s*(?P<list>[^\n]+)")
#: (A split at a whitespace run's first character only: one tried at each character of
#: a long run scanned the rest of it each time.)
PLATFORM_SPLIT = re.compile(r",|(?<!\s)\s+(?:og|samt|kombineret med|eller)\s+")
PLATFORM_NOISE = re.compile(r"^(?:dels|både|platformen|værktøjet|appen)\s+", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÆØÅ])")
DATE_IN_TEXT = re.compile(
    r"\b\d{1,2}\.\s*(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober"
    r"|november|december)\s+\d{4}",
    re.IGNORECASE,
)
#: A full stop that ends a sentence: one followed by a lower-case letter or a digit
#: (after spaces) is an abbreviation ("hhv.", "ca.") or a number ("4. møde").
#: (The pattern this replaces matched case-insensitively, so that any letter continued
#: a sentence, against its own comment.)
SENTENCE_STOP = re.compile(r"\.(?!\s*[a-zæøå0-9])")
#: The word that says councils and boards were invited.
INVITED = re.compile(r"\binviter(?:et|ede)\b", re.IGNORECASE)
COUNCIL = re.compile(
    r"\b(?P<org>Kommunalbestyrelsen|[A-ZÆØÅ]?[a-zæøå]+(?:rådet|bestyrelsen|nævnet))\b"
)
#: "formanden for (hhv.) …" just before a council's name: the chair was invited, not
#: the council; ``title`` is the post.
POST_OF = re.compile(
    r"\b(?P<title>(?:næst)?formand)(?:en|ene)?\s+for\s+(?:hhv\.\s*|henholdsvis\s+)?$",
    re.IGNORECASE,
)
SUSPENDED = re.compile(r"\b(?P<first>[a-zæøå]+)- og (?P<second>[a-zæøå]+)(?P<head>rådet|nævnet)\b")


def owned(text: str) -> Iterator[re.Match[str]]:
    """The matches of `OWNED` in ``text``; none where it has no " v/" (most texts, whose
    scan is then skipped), as each match has."""
    return OWNED.finditer(text) if " v/" in text else iter(())


def interviews(text: str) -> Iterator[re.Match[str]]:
    """The matches of `INTERVIEW`, each of which holds "interview"."""
    return INTERVIEW.finditer(text) if "interview" in text else iter(())


def titled_with_org(text: str) -> Iterator[re.Match[str]]:
    """The matches of `TITLE_ORG`, each of which opens with "Oplæg ved" or "[Ii]nterview"."""
    return TITLE_ORG.finditer(text) if "Oplæg ved" in text or "nterview" in text else iter(())


def invited_sentences(text: str) -> Iterator[tuple[int, str]]:
    """Each sentence of ``text`` that says someone was invited, with its offset: from the
    sentence's start to the first full stop after its last "inviteret"/"inviterede".

    One pass over the text (the single pattern it replaces backtracked quadratically).

    >>> list(invited_sentences("Mødet. Ældrerådet er inviteret, jf. aftalen. Tak."))
    [(6, ' Ældrerådet er inviteret, jf')]
    """
    stops = [m.start() for m in SENTENCE_STOP.finditer(text)]
    last: dict[int, int] = {}  # sentence (index of the stop that ends it) -> end of last cue
    for match in INVITED.finditer(text):
        last[bisect_left(stops, match.start())] = match.end()
    for sentence, cue_end in sorted(last.items()):
        start = stops[sentence - 1] + 1 if sentence else 0
        end = text.find(".", cue_end)
        yield start, text[start : end if end >= 0 else len(text)]


def platform_lists(text: str) -> Iterator[tuple[int, str]]:
    """The list after "samarbejdsplatform…:" (on the cue's line, after its colon; the list
    may start on a later line), with its offset: each cue's line is read once.

    >>> list(platform_lists("Samarbejdsplatforme blev udvalgt: Trello og Teams"))
    [(34, 'Trello og Teams')]
    """
    pos = 0
    while cue := PLATFORM_CUE.search(text, pos):
        line_end = text.find("\n", cue.end())
        line_end = len(text) if line_end < 0 else line_end
        colon = text.find(":", cue.end(), line_end)
        if colon < 0:  # no later cue on this line has a colon either
            pos = line_end
            continue
        found = _LIST_AFTER_COLON.match(text, colon + 1)
        if found is None:
            pos = colon + 1
            continue
        yield found.start("list"), found["list"]
        pos = found.end()
