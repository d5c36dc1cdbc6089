"""The Danish phrasings that name people, groups, projects and organisations in item text."""

from __future__ import annotations

import re

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
PLATFORMS = re.compile(r"samarbejdsplatform\w*[^:\n]*:\s*(?P<list>[^\n]+)", re.IGNORECASE)
PLATFORM_SPLIT = re.compile(r",|\s+og\s+|\s+samt\s+|\s+kombineret med\s+|\s+eller\s+")
PLATFORM_NOISE = re.compile(r"^(?:dels|både|platformen|værktøjet|appen)\s+", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÆØÅ])")
DATE_IN_TEXT = re.compile(
    r"\b\d{1,2}\.\s*(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober"
    r"|november|december)\s+\d{4}",
    re.IGNORECASE,
)
#: Councils and boards, in a sentence that says they were invited.
#: (A full stop followed by a lower-case letter or a digit is an abbreviation: "hhv.", "ca.")
INVITED_SENTENCE = re.compile(
    r"(?:[^.]|\.(?=\s*[a-zæøå0-9]))*\binviter(?:et|ede)\b[^.]*", re.IGNORECASE
)
COUNCIL = re.compile(
    r"\b(?P<org>Kommunalbestyrelsen|[A-ZÆØÅ]?[a-zæøå]+(?:rådet|bestyrelsen|nævnet))\b"
)
SUSPENDED = re.compile(r"\b(?P<first>[a-zæøå]+)- og (?P<second>[a-zæøå]+)(?P<head>rådet|nævnet)\b")
