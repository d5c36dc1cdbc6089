"""The words and layouts of minutes, as data: one TOML file per language beside this module.

Every stage reads the words of documents from here (headings, labels, month names, the
phrases of a decision or an attendance note, what a web page or a mirror adds around the
text); none hard-codes them. A new language is a new ``<code>.toml``; a new layout is
usually a few words added to one.

>>> danish = language("da")
>>> danish.section_of("Sagsfremstilling:")
('background', '')
>>> danish.month("Oktober"), danish.month("April")
(10, 4)
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from importlib import resources
from typing import Any

from kg.errors import KgError

#: The languages shipped, in the order a tie picks them.
CODES: tuple[str, ...] = ("da", "en")

#: Header fields a label can introduce.
FIELDS = (
    "committee",
    "kind",
    "when",
    "end",
    "place",
    "present",
    "absent",
    "members",
    "other",
    "case",
)


def _alternation(words: Iterable[str]) -> str:
    """Words as one regex alternation, longest first, spaces matching any run of spaces."""
    unique = sorted({w.casefold() for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique)


@lru_cache(maxsize=1 << 14)  # the same lines and labels are looked up again and again
def fold_spaces(text: str) -> str:
    """Lower case with runs of white space made one space, for table look-ups."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True, eq=False)
class Language:
    # eq=False: a language is known by identity (each is made once), so it can key a cache.
    """The compiled words of one language (see ``da.toml`` for what each table holds)."""

    code: str
    list_and: str
    nobody: frozenset[str]
    municipality_words: tuple[str, ...]
    committee_nouns: frozenset[str]
    place_words: frozenset[str]
    name_titles: frozenset[str]
    weekdays: frozenset[str]
    months: Mapping[str, int]
    #: Each month's name as written in full, January first (the first form of each).
    month_names: tuple[str, ...]
    #: Title phrases and the kind each says, minutes phrases first.
    kinds: tuple[tuple[str, str], ...]
    #: Label (folded) to its field.
    label_fields: Mapping[str, str]
    #: A line that opens with a label: groups "label" and "value".
    label_line: re.Pattern[str]
    #: Section heading (folded) to its kind ("other" for one kept as text of the item).
    section_words: Mapping[str, str]
    #: A line opening with an upper-case or colon-ended section heading and more text.
    section_line: re.Pattern[str]
    decision_headings: tuple[re.Pattern[str], ...]
    open_words: frozenset[str]
    closed_words: frozenset[str]
    #: The lines that head a group of open or closed items ("Lukkede punkter", "PART II"),
    #: each to whether its items are open.
    groups: tuple[tuple[str, bool], ...]
    status: str
    number_words: str
    #: Words that refer to an item by its number ("Ad 1."), as an alternation.
    reference_words: str
    contents_words: frozenset[str]
    titles: tuple[re.Pattern[str], ...]
    #: Titles that name a committee only where the name ends in a committee noun.
    weak_titles: tuple[re.Pattern[str], ...]
    recommends: re.Pattern[str]
    decision_dateline: re.Pattern[str]
    started: re.Pattern[str]
    ended: re.Pattern[str]
    held: re.Pattern[str]
    #: What a committee's name follows in a title ("Ekstraordinært møde i"), anchored.
    meeting_of: re.Pattern[str]
    all_present_but: re.Pattern[str]
    name_statement: re.Pattern[str]
    boilerplate: re.Pattern[str]
    layouts: tuple[str, ...]
    #: Municipality name (folded, also aliases) to its official name and code.
    municipalities: Mapping[str, tuple[str, str]]
    #: The official names that are not "<name> Kommune".
    official_names: Mapping[str, str]
    #: Header labels that joining a PDF's broken lines leaves alone, as written.
    protected_labels: tuple[str, ...] = ()
    #: The heads of a contents list's columns ("Punkt", "Titel", "Side"), and those of
    #: its page column.
    column_words: frozenset[str] = frozenset()
    page_words: frozenset[str] = frozenset()
    #: The heads of an attendance table's columns ("Navn", "Parti", "Fremmøde").
    attendance_columns: frozenset[str] = frozenset()
    #: Its month names and one-word kinds of document ("marts", "dagsorden").
    markers: frozenset[str] = frozenset()
    #: Short words common in any text of the language, and rare in the others' ("og", "the").
    function_words: frozenset[str] = frozenset()
    #: The words for a meeting after a body's name in a title ("Byrådets møde").
    meeting_nouns: frozenset[str] = frozenset()
    #: Whether titles capitalise their words ("Press and Public"), as English does.
    title_case: bool = False
    #: Its common words that languages without a file write otherwise ("af", not "av");
    #: its function words where it has no such neighbours.
    distinct_words: frozenset[str] = frozenset()
    #: Labels that introduce a case id only before a colon and a case-shaped value ("Sag").
    weak_case_labels: tuple[str, ...] = ()
    #: The prepositions before a place named on a line of its own ("i", "in the").
    place_prepositions: tuple[str, ...] = ()
    #: A municipality's official name, ``{}`` its name ("{} Kommune").
    official_name_form: str = "{}"
    #: The label of the role of a working group's members ("Medlem").
    member_role: str = "Member"
    #: The label of a project's working group, ``{}`` the project ("Arbejdsgruppen om {}").
    working_group: str = "{}"

    def field_of(self, label: str) -> str | None:
        """The header field a label introduces, or None."""
        return self.label_fields.get(fold_spaces(label).rstrip(" .:"))

    def section_of(self, line: str) -> tuple[str, str] | None:
        """The section kind a heading line opens and any text after the heading on the
        same line, or None when the line is no section heading."""
        return _section_of(self, line)

    def labels_of(self, *fields: str) -> str:
        """The labels of these fields ("present", "absent") as one regex alternation,
        longest first."""
        return _labels_of(self, fields)

    def status_of(self, word: str) -> bool | None:
        """True for an open item's mark ("Åben"), False for a closed one's, else None."""
        key = fold_spaces(word).strip(" .:()")
        if key in self.open_words:
            return True
        if key in self.closed_words:
            return False
        return None

    def municipality(self, name: str) -> tuple[str, str] | None:
        """The official name and code of a municipality named so ("GENTOFTE",
        "Københavns"), or None.

        >>> language("da").municipality("Københavns")
        ('København', '101')
        """
        key = fold_spaces(name)
        return self.municipalities.get(key) or (
            self.municipalities.get(key[:-1]) if key.endswith("s") else None
        )

    def is_committee_name(self, name: str) -> bool:
        """Whether a name ends in a committee noun ("Økonomiudvalget", "Aarhus Byråd")."""
        words = name.split()
        last = words[-1].casefold().strip(".,:") if words else ""
        return last in self.committee_nouns or any(
            last.endswith(noun) and len(noun) >= 5 for noun in self.committee_nouns
        )

    def official_name(self, name: str) -> str:
        """A municipality's official name ("Gentofte Kommune", "Københavns Kommune")."""
        return self.official_names.get(name, self.official_name_form.format(name))

    def month(self, word: str) -> int | None:
        """The number of a month name or abbreviation, or None."""
        return self.months.get(word.casefold().rstrip("."))

    def kind_of(self, text: str) -> str | None:
        """The kind ("minutes" or "agenda") a title's words say, or None."""
        folded = fold_spaces(text)
        for phrase, kind in self.kinds:
            if re.search(rf"(?<![\w]){re.escape(phrase)}(?![\w])", folded):
                return kind
        return None

    def score(
        self, lines: Iterable[str], words: Counter[str] | None = None
    ) -> tuple[int, int, int]:
        """How many lines open with this language's labels or headings, then how many of
        the words (`words_of` the lines) are its month names and kinds of document
        ("marts", "dagsorden"), then its common short words ("og", "the")."""
        sample = list(lines)
        labelled = sum(map(partial(_opens_part, self), sample))
        counted = words_of(sample) if words is None else words
        return labelled, _uses(counted, self.markers), _uses(counted, self.function_words)


#: A label's first word, capitalised.
_LABEL_WORD = r"[A-ZÆØÅ][^\W\d_]*(?:[-./]+[^\W\d_]+)*\.?"  # "Acadre-nr.", "Dok./sagsnr."
#: A line opening with a label of one to three words and its colon, whether a language
#: knows the label or not ("Forfall:", "Suppleant:"): a field, no list.
ANY_LABEL = re.compile(rf"{_LABEL_WORD}(?: [^\W\d_]+){{0,2}}\s*:\s")
#: A line opening with a one-word label and its colon ("File: DA2023/045", "File #:",
#: "Ref no:"), known or not: a field, where a title goes on ("Kunst og Kultur: Tilskud").
FIELD_LABEL = re.compile(rf"{_LABEL_WORD}(?:\s*(?:#|[Nn][or]\.?))?\s*:\s")
#: A party's letters as a list or table writes them after a name ("A", "SF", "(V)").
PARTY_LETTERS = r"[A-ZÆØÅ]{1,2}|\([A-ZÆØÅ]{1,2}\)"
#: A word, for counting a language's common short words.
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _labels_of(lang: Language, fields: tuple[str, ...]) -> str:
    return _alternation(w for w, field in lang.label_fields.items() if field in fields)


@lru_cache(maxsize=1 << 14)  # each line of each document, for each language
def _opens_part(lang: Language, line: str) -> bool:
    """Whether a line opens with one of the language's labels or section headings."""
    return bool(lang.label_line.match(line)) or lang.section_of(line) is not None


@lru_cache(maxsize=1 << 14)  # parsing asks of each line several times, and two languages
def _section_of(lang: Language, line: str) -> tuple[str, str] | None:
    key = fold_spaces(line).rstrip(" :")
    if key in lang.section_words:
        return lang.section_words[key], ""
    for pattern in lang.decision_headings:
        if pattern.fullmatch(line.strip().rstrip(":")):
            return "decision", ""  # "BESLUTNING I UDVALGET DEN": a heading, no text
    match = lang.section_line.fullmatch(line)
    if match and (match["head"].isupper() or match["colon"]):
        return lang.section_words[fold_spaces(match["head"])], match["rest"].strip()
    return None


def _compile(data: Mapping[str, Any]) -> Language:
    labels = _table(data, "labels")
    label_fields = {fold_spaces(w): field for field in FIELDS for w in labels.get(field, [])}
    sections = _table(data, "sections")
    section_words = {fold_spaces(w): kind for kind, words in sections.items() for w in words}
    items = _table(data, "items")
    phrases = _table(data, "phrases")
    kinds = _table(data, "kinds")
    months = {
        name: number for number, names in enumerate(_list(data, "months"), start=1)
        for name in names
    }  # fmt: skip
    flags = re.IGNORECASE
    layouts = list(_list(data, "layouts"))
    boiler = [p for layout in layouts for p in layout["boilerplate"]]
    status = _alternation([*items["open"], *items["closed"]])
    return Language(
        code=str(data["code"]),
        list_and=str(data["list_and"]),
        nobody=frozenset(str(w) for w in _list(data, "nobody")),
        municipality_words=tuple(_list(data, "municipality_words")),
        committee_nouns=frozenset(_list(data, "committee_nouns")),
        place_words=frozenset(_list(data, "place_words")),
        name_titles=frozenset(_list(data, "name_titles")),
        weekdays=frozenset(_list(data, "weekdays")),
        months=months,
        month_names=tuple(str(names[0]) for names in _list(data, "months")),
        kinds=tuple((p, "minutes") for p in kinds["minutes"])
        + tuple((p, "agenda") for p in kinds["agenda"]),
        label_fields=label_fields,
        label_line=re.compile(
            rf"(?P<label>{_alternation(label_fields)})(?![\wæøå.])\s*(?P<colon>:?)\s*(?P<value>.*)",
            flags,
        ),
        section_words=section_words,
        section_line=re.compile(
            rf"(?P<head>{_alternation(section_words)})(?P<colon>\s*:)?\s+(?P<rest>\S.*)", flags
        ),
        decision_headings=tuple(re.compile(p, flags) for p in phrases["decision_heading"]),
        open_words=frozenset(fold_spaces(w) for w in items["open"]),
        closed_words=frozenset(fold_spaces(w) for w in items["closed"]),
        groups=tuple(
            sorted(
                [(fold_spaces(w), True) for w in items.get("open_groups", ())]
                + [(fold_spaces(w), False) for w in items.get("closed_groups", ())],
                key=lambda g: -len(g[0]),
            )
        ),
        status=status,
        number_words=_alternation(items["number_words"]),
        reference_words=_alternation(items.get("reference_words", ())),
        contents_words=frozenset(fold_spaces(w) for w in items["contents"]),
        titles=tuple(re.compile(p, flags) for p in phrases["titles"]),
        weak_titles=tuple(re.compile(p, flags) for p in phrases["weak_titles"]),
        recommends=re.compile(phrases["recommends"], flags),
        decision_dateline=re.compile(phrases["decision_dateline"], flags),
        started=re.compile(phrases["started"], flags),
        ended=re.compile(phrases["ended"], flags),
        held=re.compile(phrases["held"], flags),
        meeting_of=re.compile(phrases["meeting_of"], flags),
        all_present_but=re.compile(phrases["all_present_but"], flags),
        name_statement=re.compile(phrases["name_statement"], flags),
        boilerplate=re.compile("|".join(f"(?:{p})" for p in boiler) or r"(?!)", flags),
        layouts=tuple(str(layout["name"]) for layout in layouts),
        municipalities=_municipalities(data),
        protected_labels=tuple(_table(data, "repair").get("protected_labels", ())),
        official_names={
            str(k): str(v) for k, v in _table(data, "municipality_official_names").items()
        },
        column_words=frozenset(fold_spaces(w) for w in items["columns"]),
        page_words=frozenset(fold_spaces(w) for w in items["page_columns"]),
        weak_case_labels=tuple(str(w) for w in items.get("weak_case_labels", ())),
        attendance_columns=frozenset(fold_spaces(w) for w in labels.get("attendance_columns", ())),
        function_words=frozenset(str(w) for w in _list(data, "function_words")),
        meeting_nouns=frozenset(str(w) for w in _list(data, "meeting_nouns")),
        title_case=bool(data.get("title_case", False)),
        markers=frozenset(months)
        | frozenset(w for w in (*kinds["minutes"], *kinds["agenda"]) if " " not in w),
        distinct_words=frozenset(
            str(w) for w in _list(data, "distinct_words") or _list(data, "function_words")
        ),
        place_prepositions=tuple(str(w) for w in _list(data, "place_prepositions")),
        official_name_form=str(_table(data, "names")["municipality"]),
        member_role=str(_table(data, "names")["member_role"]),
        working_group=str(_table(data, "names")["working_group"]),
    )


def _municipalities(data: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    table = {str(k): str(v) for k, v in _table(data, "municipalities").items()}
    out = {fold_spaces(name): (name, code) for name, code in table.items()}
    for alias, name in _table(data, "municipality_aliases").items():
        out[fold_spaces(alias)] = (str(name), table[str(name)])
    return out


def _table(data: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    assert isinstance(value, dict), f"{key} must be a table"
    return value


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    assert isinstance(value, list), f"{key} must be a list"
    return value


@cache
def language(code: str) -> Language:
    """The language with this code, read once from its TOML file in the package."""
    if code not in CODES:
        raise KgError(f"no language {code!r}", hint=f"one of: {', '.join(CODES)}")
    source = resources.files("kg.language").joinpath(f"{code}.toml").read_text(encoding="utf-8")
    return _compile(tomllib.loads(source))


def languages() -> tuple[Language, ...]:
    """Every shipped language."""
    return tuple(language(code) for code in CODES)


@cache
def _others() -> dict[str, tuple[str, frozenset[str]]]:
    """The languages without a file: code to name and common short words (others.toml)."""
    source = resources.files("kg.language").joinpath("others.toml").read_text(encoding="utf-8")
    return {
        code: (str(table["name"]), frozenset(str(w) for w in table["words"]))
        for code, table in tomllib.loads(source).items()
    }


#: How many of a language's common words a text must use, at least, to be taken as in a
#: language minutes-kg cannot read, and how many times the distinct words of the one it
#: reads best.
_OTHER_WORDS, _OTHER_SHARE = 6, 2.0


def unreadable_language(
    lines: Iterable[str], chosen: Language, words: Counter[str] | None = None
) -> str | None:
    """The name of the language a text is written in when it is one minutes-kg has no
    file for ("Norwegian"), else None: the text uses at least `_OTHER_WORDS` of that
    language's common words, and twice as many as of ``chosen``'s distinct words (the
    Scandinavian languages share their commonest): a Danish text quoting a Swedish
    passage, or written beside its German translation, is still read.

    >>> unreadable_language(["Forfall: Kåre Engen. Saken ble vedtatt etter møtet."], language("da"))
    >>> unreadable_language(["Saken ble behandlet av utvalget etter møtet mot én stemme."] * 2,
    ...     language("da"))
    'Norwegian'
    >>> unreadable_language(["Udvalget godkendte sagen efter mødet."] * 9, language("da"))
    """
    words = words_of(lines) if words is None else words
    own = _uses(words, chosen.distinct_words)
    best = max(
        ((_uses(words, common), name) for name, common in _others().values()), default=(0, "")
    )
    if best[0] >= _OTHER_WORDS and best[0] >= _OTHER_SHARE * own:
        return best[1]
    return None


def words_of(lines: Iterable[str]) -> Counter[str]:
    """How often each word stands in the lines (lower case), counted in one pass."""
    return Counter(_WORD.findall("\n".join(lines).lower()))


def _uses(words: Counter[str], common: frozenset[str]) -> int:
    """How many of the counted words are among ``common``."""
    return sum(words[w] for w in common if w in words)


def choose(lines: Iterable[str], words: Counter[str] | None = None) -> Language:
    """The language whose labels and headings the lines use most, then whose common
    short words they use most (the first on a tie); ``words``: `words_of` the lines."""
    sample = list(lines)
    counted = words_of(sample) if words is None else words
    return max(languages(), key=lambda lang: lang.score(sample, counted))


__all__ = [
    "ANY_LABEL",
    "CODES",
    "FIELDS",
    "FIELD_LABEL",
    "Language",
    "choose",
    "fold_spaces",
    "language",
    "languages",
    "unreadable_language",
    "words_of",
]
