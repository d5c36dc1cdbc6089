"""What the privacy gate withholds from a text, and what it puts in its place.

What is withheld, by `RedactionKind`:

- ``closed-item``: a closed item ("Lukket") keeps only that it exists: its number, its
  title and a fingerprint of its words, each hashed (see `AgendaItem.fingerprint`);
- ``cpr``: Danish CPR numbers (``DDMMYY-SSSS``, also without the dash or with a space,
  when the first six digits are a real date);
- ``email``: e-mail addresses of private persons. An address counts as organisational,
  and is kept, when its domain (or a parent domain) is one of
  ``BuildSettings.public_contact_domains`` (public bodies, whose staff write in office), or
  its local part is one of ``BuildSettings.public_mailboxes`` (function mailboxes such as
  ``post@`` or ``info@``). Every other address is replaced;
- ``phone``: every phone number is replaced, a public body's switchboard too (a number
  does not say whose it is, so none is kept). Found: ``+45``/``0045`` and any grouping of
  eight digits; ``+CC`` international numbers (7 to 15 digits); eight digits as
  ``12 34 56 78``, ``12-34-56-78`` or ``1234 5678``; bare ``20304050`` and
  ``20.30.40.50`` when they start with 2 to 9 (as Danish subscriber numbers do), are no
  date and follow no identifier's name ("CVR", "bilag", "dok.nr."); and, after a cue
  such as "tlf.", "telefon" or "mobil", any ``12345678``, ``12.34.56.78`` and
  ``1234-5678``. Not phone numbers: case and journal numbers ("EMN-2017-04615",
  "16/35237", KLE "00.01.00P35-0104"), dates, times, amounts (next to
  "kr."/"DKK"/"mio."), year pairs ("2023 2030") without a cue, and numbers in a run of
  digit groups (tables).

Each replacement says what stood there, in the document's language ("[e-mail fjernet]").
The report (`Redaction`) says which document, which source line and which kind: never
the value, nor anything derived from it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kg.settings import BuildSettings


class RedactionKind(StrEnum):
    """What was withheld."""

    CPR = "cpr"
    EMAIL = "email"
    PHONE = "phone"
    CLOSED_ITEM = "closed-item"


#: What a redacted value is replaced with, by document language (Danish for any other).
REPLACEMENTS: dict[str, dict[RedactionKind, str]] = {
    "da": {
        RedactionKind.CPR: "[CPR-nummer fjernet]",
        RedactionKind.EMAIL: "[e-mail fjernet]",
        RedactionKind.PHONE: "[telefon fjernet]",
    },
    "en": {
        RedactionKind.CPR: "[CPR number removed]",
        RedactionKind.EMAIL: "[e-mail removed]",
        RedactionKind.PHONE: "[phone removed]",
    },
}
REDACTED_CPR = REPLACEMENTS["da"][RedactionKind.CPR]

_CPR = re.compile(r"(?<![\d-])(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{2})[- ]?(?P<serial>\d{4})(?![\d-])")
_EMAIL = re.compile(
    r"(?<![\w.+-])(?P<local>[\w.+-]+)@(?P<domain>(?:[\w-]+\.)+[^\W\d_]{2,})(?![\w-])"
)
_PHONE = re.compile(
    r"""(?<![\w/+-])(?<!\d[.,])(?<!\d\s)
    (?:
        (?P<dk>(?:\+|00)45[ .-]?(?:\d[ .-]?){7}\d)
      | (?P<intl>\+(?!45)[1-9]\d{0,2}(?:[ .-]?\(0\))?(?:[ .-]?\d{1,5}){2,6})
      | (?P<pairs>\d{2}(?P<sep>[ .-]?)\d{2}(?P=sep)\d{2}(?P=sep)\d{2})
      | (?P<quads>(?P<q1>\d{4})(?P<qsep>[ .-])(?P<q2>\d{4}))
    )
    (?![\w/-])(?![.,]\d)(?!\s\d)""",
    re.VERBOSE,
)
_CUE = re.compile(
    r"(?:tlf|telefon|telefonnummer|mobil|mobilnr|mob|tel|phone|mobile|fax|sms)\.?"
    r"\s*(?:nr\.?|nummer|no\.?)?\s*[:.]?\s*$",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(r"(?:kr|dkk|eur|€|\$)\.?\s*$", re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"\s*(?:kr\b|dkk|mio|mia|mill|t\.\s?kr|%)", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
#: Names of identifiers that stand before a number that is not a phone number.
_ID_CUE = re.compile(
    r"\b(?:(?:cvr|ean|bilag|sag|sags|journal|dok|dokument|id|konto|reg|løbe)"
    r"(?:[.-]?\s?(?:nr|nummer|no)\b)?|(?:se|p|j)[.-]?\s?(?:nr|nummer|no)\b)\.?\s*[:.]?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PrivacyRules:
    """What to look for in a text and what to put in its place."""

    kinds: frozenset[RedactionKind] = frozenset(
        {RedactionKind.CPR, RedactionKind.EMAIL, RedactionKind.PHONE}
    )
    public_domains: frozenset[str] = frozenset()
    public_mailboxes: frozenset[str] = frozenset()
    language: str = "da"

    @classmethod
    def of(cls, settings: BuildSettings, language: str = "da") -> PrivacyRules:
        """The rules the build settings give, for a document in ``language``."""
        return cls(
            public_domains=frozenset(d.casefold() for d in settings.public_contact_domains),
            public_mailboxes=frozenset(m.casefold() for m in settings.public_mailboxes),
            language=language,
        )

    def find(self, text: str) -> list[tuple[int, int, RedactionKind]]:
        """The (start, end, kind) of each value to withhold, in order, none overlapping;
        where two overlap the first kind of cpr, email, phone wins."""
        found: list[tuple[int, int, RedactionKind]] = []  # kept sorted, none overlapping
        if _DIGIT_OR_AT.search(text) is None:
            return found  # each kind has digits or an "@" (most strings of a document have neither)
        for kind, spans in (
            (RedactionKind.CPR, _cprs(text)),
            (RedactionKind.EMAIL, _emails(text, self.public_domains, self.public_mailboxes)),
            (RedactionKind.PHONE, _phones(text)),
        ):
            if kind not in self.kinds:
                continue
            for start, end in spans:
                at = bisect_left(found, (start,))
                clear_before = at == 0 or found[at - 1][1] <= start
                clear_after = at == len(found) or found[at][0] >= end
                if clear_before and clear_after:  # (checking every span was quadratic)
                    found.insert(at, (start, end, kind))
        return found

    def redact(self, text: str) -> tuple[str, list[tuple[int, RedactionKind]]]:
        """``text`` with each value replaced, and the offset (in ``text``) and kind of each."""
        found = self.find(text)
        if not found:
            return text, []
        words = REPLACEMENTS.get(self.language, REPLACEMENTS["da"])
        parts, last = [], 0
        for start, end, kind in found:
            parts += [text[last:start], words[kind]]
            last = end
        parts.append(text[last:])
        return "".join(parts), [(start, kind) for start, _, kind in found]


#: The rules of the last check on every literal of a mapped graph (`kg.privacy.literals`):
#: CPR numbers only, as e-mail addresses and phone numbers need the settings to judge.
CPR_ONLY = PrivacyRules(kinds=frozenset({RedactionKind.CPR}))


#: What every value the rules withhold holds: digits (CPR and phone numbers) or an "@".
_DIGIT_OR_AT = re.compile(r"[\d@]")

#: A run of hex digits this long is a checksum or hash, and a UUID is an identifier
#: (an agenda portal's ids of meetings and attachments): neither holds a CPR number,
#: though each may hold ten digits that read as one.
_HEX_RUN = re.compile(
    r"[0-9a-fA-F]{32,}|(?<![0-9a-fA-F-])[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}"
)


def _cprs(text: str) -> Iterable[tuple[int, int]]:
    """Spans of CPR numbers: ten digits whose first six are a date, not inside a longer
    number, and not inside a checksum or a UUID (each has such digit runs by chance).

    >>> list(_cprs("cpr 010203-1234, sha 0a" + "0102031234" + "f" * 30))
    [(4, 15)]
    >>> list(_cprs("bilag/3f393702-8784-5a08-b00c-2f0102031234"))
    []
    """
    hashes = None  # looked for once there is a candidate (most texts have none)
    for match in _CPR.finditer(text):
        if hashes is None:
            hashes = [m.span() for m in _HEX_RUN.finditer(text)]
        if any(a <= match.start() and match.end() <= b for a, b in hashes):
            continue
        try:  # the first six digits must be a real date
            date(2000 + int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
        yield match.span()


def _emails(
    text: str, domains: frozenset[str], mailboxes: frozenset[str]
) -> Iterable[tuple[int, int]]:
    if "@" not in text:
        return
    for match in _EMAIL.finditer(text):
        domain, local = match["domain"].casefold(), match["local"].casefold()
        public = any(domain == d or domain.endswith("." + d) for d in domains)
        if not public and local not in mailboxes:
            yield match.span()


def _phones(text: str) -> Iterable[tuple[int, int]]:
    for match in _PHONE.finditer(text):
        start, end = match.span()
        before, after = text[max(0, start - 24) : start], text[end : end + 24]
        if match["dk"] or match["intl"]:
            digits = sum(c.isdigit() for c in match.group(0))
            if match["dk"] or 7 <= digits <= 15:
                yield match.span()
            continue
        if _AMOUNT_BEFORE.search(before) or _AMOUNT_AFTER.match(after):
            continue
        if _CUE.search(before):
            yield match.span()
        elif match["pairs"]:
            if match["sep"] in (" ", "-") or _bare_number(match.group(0), before):
                yield match.span()
        elif match["qsep"] == " " and not (
            _YEAR.fullmatch(match["q1"]) and _YEAR.fullmatch(match["q2"])
        ):
            yield match.span()


def _bare_number(number: str, before: str) -> bool:
    """Whether eight digits with no cue (``20304050``, ``20.30.40.50``) are a phone
    number: a Danish subscriber number starts with 2 to 9, and these are not a date
    (``20230314``, ``14032023``) nor a number an identifier's name stands before
    ("CVR 29189846", "bilag 28046941", "dok.nr. 40123456").

    >>> [_bare_number(n, "Ring ") for n in ("20304050", "18046941", "20230314")]
    [True, False, False]
    >>> _bare_number("29189846", "CVR-nr. ")
    False
    """
    digits = number.replace(".", "")
    if digits[0] in "01" or _ID_CUE.search(before):
        return False
    for year, month, day in (
        (digits[:4], digits[4:6], digits[6:]),
        (digits[4:], digits[2:4], digits[:2]),
    ):
        if _YEAR.fullmatch(year):
            try:
                date(int(year), int(month), int(day))
            except ValueError:
                continue
            return False
    return True


def redact_text(value: str, rules: PrivacyRules = CPR_ONLY) -> tuple[str, int]:
    """``value`` with what ``rules`` withhold replaced, and how many there were.

    >>> redact_text("Borger med cpr 010203-1234 klager")
    ('Borger med cpr [CPR-nummer fjernet] klager', 1)
    >>> redact_text("Sag EMN-2017-02193, bilag 1804694")
    ('Sag EMN-2017-02193, bilag 1804694', 0)
    >>> redact_text("Skriv til jens@example.org, tlf. 12 34 56 78", PrivacyRules())
    ('Skriv til [e-mail fjernet], tlf. [telefon fjernet]', 2)
    """
    text, hits = rules.redact(value)
    return text, len(hits)
