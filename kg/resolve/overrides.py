"""Curated identity decisions, and the words of names they are matched by.

Which spellings are one person, and which are different people, is decided in a TOML
file; these decisions always win over the algorithm of :mod:`kg.resolve.people`::

    [[same]]
    names = ["Poul V. Jensen", "Poul Vagn Jensen"]
    label = "Poul Vagn Jensen"   # optional: the name to show (any spelling)

    [[different]]
    names = ["Anne Holm", "Anne Holm Madsen"]

Names are matched by their words, ignoring case, spacing and the dots of initials
(:func:`name_key`). The built-in table of first-name variants and the word comparisons
the resolver uses live here too, beside the keys.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from kg import folding
from kg.errors import InputError
from kg.resolve.names import within_one_edit
from kg.resolve.people_model import Overrides

#: First names that are spellings of one name (Danish and Nordic, confident pairs only):
#: curated knowledge like the groups of an overrides file, built in.
_VARIANTS = (
    "marie maria|kathrine katrine katherine catherine cathrine|kristian christian"
    "|kristoffer christoffer|kristina christina|kristine christine|karl carl|kasper casper"
    "|karsten carsten|klaus claus|henrik hendrik|frederik frederick|camilla kamilla"
    "|nikolaj nicolaj nikolai nicolai|sofie sophie|thomas tomas"
)
_FIRST_NAMES = {n: g.split()[0] for g in _VARIANTS.split("|") for n in g.split()}
#: The keys each kind of group may have.
_GROUP_KEYS = {"same": ("label", "names"), "different": ("names",)}
_HEADER = re.compile(r"^\s*\[\[?\s*([^\]\s]+)\s*\]")
_KEY = re.compile(r"^\s*\"?([\w-]+)\"?\s*=")
_TOML_LINE = re.compile(r"at line (\d+)")
_HINT = "see the example at the top of kg/resolve/overrides.py"


def written_words(name: str) -> tuple[str, ...]:
    """The words of a name as written; "H.D." is two words, stray punctuation none."""
    return tuple(w for w in name.replace(".", ". ").split() if w.strip(".,;:"))


def name_tokens(name: str) -> tuple[str, ...]:
    """The comparable words of a name: lower case, without the dots of initials.

    >>> name_tokens("Torben H.D. Petersen")
    ('torben', 'h', 'd', 'petersen')
    """
    return tuple(w.casefold().strip(".,;:") for w in written_words(name))


def name_key(name: str) -> str:
    """The key two spellings share when they differ only in case, spacing and dots."""
    return " ".join(name_tokens(name))


def fold(word: str) -> str:
    """A word in lower case without accents, with ø, æ and å as o, ae and aa
    (`kg.folding.fold` as name matching uses it).

    >>> fold("søren"), fold("ågård"), fold("andré")
    ('soren', 'aagaard', 'andre')
    """
    return folding.fold(word, stroke="o")


def first_name(word: str) -> str:
    """A first name (a token), folded, with its spelling variants made one.

    >>> first_name("katrine") == first_name("kathrine") != first_name("kathrin")
    True
    """
    return _FIRST_NAMES.get(fold(word), fold(word))


def initial_of(a: str, b: str) -> bool:
    """Whether one word is the initial of the other (not both initials).

    >>> initial_of("v", "vagn"), initial_of("vagn", "v"), initial_of("k", "vagn")
    (True, True, False)
    """
    short, long = sorted((a, b), key=len)
    return len(short) == 1 < len(long) and long.startswith(short)


def one_edit(a: str, b: str) -> bool:
    """Whether b is a with one letter changed, added or removed, or two adjacent swapped.

    >>> one_edit("alkestrup", "alekstrup"), one_edit("olsen", "olesen"), one_edit("ab", "ba")
    (True, True, True)
    >>> one_edit("olsen", "olsen"), one_edit("jensen", "hansen")
    (False, False)
    """
    return a != b and within_one_edit(a, b)


def alike(a: str, b: str) -> bool:
    """Whether two words may be one word of one name: equal but for Danish letters, one
    the initial of the other, or (five letters or more) one letter apart.

    >>> alike("vagn", "v"), alike("melgaard", "meglaard"), alike("vagn", "verner")
    (True, True, False)
    """
    long_enough = min(len(a), len(b)) >= 5
    return fold(a) == fold(b) or initial_of(a, b) or (long_enough and one_edit(a, b))


def clash(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    """Whether two spellings (as tokens) cannot be one person's: other first names, or words
    not alike in one position (the last word of the shorter spelling aside).

    >>> clash(("poul", "v", "jensen"), ("poul", "verner", "jensen"))
    False
    >>> clash(("poul", "vagn", "jensen"), ("poul", "verner", "jensen"))
    True
    """
    n = len(x) if len(x) == len(y) else min(len(x), len(y)) - 1
    return first_name(x[0]) != first_name(y[0]) or not all(alike(x[i], y[i]) for i in range(1, n))


def conflicts(overrides: Overrides) -> list[tuple[int, str, str]]:
    """Pairs of names a ``different`` group separates that the ``same`` groups join.

    Joins are transitive across ``same`` groups. Each conflict is (index of the
    ``different`` group, name, name).
    """
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for names, _ in overrides.same:
        keys = sorted(name_key(n) for n in names)
        for key in keys[1:]:
            parent[root(key)] = root(keys[0])
    found = []
    for index, group in enumerate(overrides.different):
        ordered = sorted(group, key=name_key)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if name_key(a) != name_key(b) and root(name_key(a)) == root(name_key(b)):
                    found.append((index, a, b))
    return found


def load_overrides(path: Path) -> Overrides:
    """The curated decisions in a TOML file; an :class:`InputError` names any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read the overrides file: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        raise InputError(path, f"not valid TOML: {exc}", line=line, hint=_HINT) from exc
    headers = _headers(text.splitlines())
    for key in sorted(data):
        if key not in _GROUP_KEYS:
            reason = f"unknown key {key!r}: only [[same]] and [[different]] groups are allowed"
            raise InputError(path, reason, line=_top_line(text, headers, key), hint=_HINT)
    same = tuple(_same(path, text, headers, i, g) for i, g in _groups(path, text, data, "same"))
    different = tuple(
        _names(path, text, headers, "different", i, g)
        for i, g in _groups(path, text, data, "different")
    )
    overrides = Overrides(same=same, different=different)
    for index, a, b in conflicts(overrides):
        reason = f"{a!r} and {b!r} are one person by the [[same]] groups but listed as different"
        raise InputError(path, reason, line=_group_line(text, headers, "different", index))
    return overrides


def _headers(lines: list[str]) -> list[tuple[int, str]]:
    """The table headers of a TOML text: (line number, table name), in order."""
    found = ((n, _HEADER.match(line)) for n, line in enumerate(lines, start=1))
    return [(n, m.group(1)) for n, m in found if m]


def _top_line(text: str, headers: list[tuple[int, str]], key: str) -> int | None:
    """The line that introduces a top-level key: its table header or its assignment."""
    for n, name in headers:
        if name == key or name.startswith(key + "."):
            return n
    lines = text.splitlines()
    before_tables = lines[: headers[0][0] - 1] if headers else lines
    for n, line in enumerate(before_tables, start=1):
        found = _KEY.match(line)
        if found and found.group(1) == key:
            return n
    return None


def _group_line(text: str, headers: list[tuple[int, str]], kind: str, index: int) -> int | None:
    """The line of the ``index``-th [[kind]] header, or of ``kind = [...]``."""
    lines = [n for n, name in headers if name == kind]
    return lines[index] if index < len(lines) else _top_line(text, headers, kind)


def _key_line(
    text: str, headers: list[tuple[int, str]], kind: str, index: int, key: str
) -> int | None:
    """The line where a group assigns ``key``, else the group's own line."""
    start = _group_line(text, headers, kind, index)
    if start is None:
        return None
    after = [n for n, _ in headers if n > start]
    lines = text.splitlines()[start : (after[0] - 1) if after else None]
    for n, line in enumerate(lines, start=start + 1):
        found = _KEY.match(line)
        if found and found.group(1) == key:
            return n
    return start


def _groups(path: Path, text: str, data: dict[str, Any], kind: str) -> list[tuple[int, Any]]:
    """The groups of one kind, numbered; the kind must be an array of tables."""
    groups = data.get(kind, [])
    if not isinstance(groups, list):
        reason = f"{kind!r} must be an array of tables, written [[{kind}]]"
        raise InputError(path, reason, line=_top_line(text, _headers(text.splitlines()), kind))
    return list(enumerate(groups))


def _names(
    path: Path, text: str, headers: list[tuple[int, str]], kind: str, index: int, group: Any
) -> frozenset[str]:
    """The names of one group, checked: known keys, at least two different full names."""
    line = _group_line(text, headers, kind, index)
    if not isinstance(group, dict):
        raise InputError(path, f"each {kind!r} group must be a table [[{kind}]]", line=line)
    for key in sorted(group):
        if key not in _GROUP_KEYS[kind]:
            allowed = ", ".join(_GROUP_KEYS[kind])
            reason = f"unknown key {key!r} in a [[{kind}]] group (allowed: {allowed})"
            raise InputError(path, reason, line=_key_line(text, headers, kind, index, key))
    names = group.get("names")
    at = _key_line(text, headers, kind, index, "names")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise InputError(path, f'a [[{kind}]] group needs names = ["...", "..."]', line=at)
    for name in names:
        if len(name_tokens(name)) < 2:
            reason = f"{name!r} is not a full name (write at least a first name and a surname)"
            raise InputError(path, reason, line=at)
    if len({name_key(n) for n in names}) < 2:
        reason = f"a [[{kind}]] group needs at least two different names, got {names}"
        raise InputError(path, reason, line=at)
    return frozenset(" ".join(n.split()) for n in names)


def _same(
    path: Path, text: str, headers: list[tuple[int, str]], index: int, group: Any
) -> tuple[frozenset[str], str | None]:
    """One ``same`` group: its names and the optional label to show."""
    names = _names(path, text, headers, "same", index, group)
    label = group.get("label")
    if label is not None and (not isinstance(label, str) or not label.strip()):
        at = _key_line(text, headers, "same", index, "label")
        raise InputError(path, "label must be a non-empty string", line=at)
    return names, (" ".join(label.split()) if label else None)
