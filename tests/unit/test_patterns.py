"""The extraction readers that replaced quadratic ones (backtracking regular expressions,
a compound lookup of every part of a word) find exactly what those found, bar the
documented sentence-stop fix, in linear time (issue 15)."""

from __future__ import annotations

import random
import re

import pytest

from kg.extract.concepts import Matcher, Sense, _compound_sense, load_default_scheme
from kg.extract.patterns import PLATFORM_SPLIT, invited_sentences, platform_lists
from kg.parse.contents import _LEADERS_ONLY
from kg.parse.headings import _LEADERS

#: What the build used before: quadratic on long sections (a 50 kB document took 197 s),
#: with its stop rule made case-sensitive (the one change: its comment always said so).
OLD_INVITED = re.compile(
    r"(?:[^.]|(?-i:\.(?=\s*[a-zæøå0-9])))*\binviter(?:et|ede)\b[^.]*", re.IGNORECASE
)
OLD_PLATFORMS = re.compile(r"samarbejdsplatform\w*[^:\n]*:\s*(?P<list>[^\n]+)", re.IGNORECASE)
OLD_SPLIT = re.compile(r",|\s+og\s+|\s+samt\s+|\s+kombineret med\s+|\s+eller\s+")

PIECES = (
    "inviteret",
    "Inviterede",
    "xinviteret",
    ".",
    ". ",
    " ",
    "\n",
    "a",
    "B",
    "4",
    "Æ",
    "Ældrerådet",
    "ca.",
    "  .",
    "samarbejdsplatforme",
    "Samarbejdsplatform",
    ":",
    ": ",
    "og",
    " og ",
    ",",
    "samt",
    "\t",
    "eller",
    "kombineret med",
)


@pytest.mark.parametrize("seed", range(4))
def test_the_linear_readers_find_what_the_patterns_found(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(5_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
        old_invited = [(m.start(), m.group()) for m in OLD_INVITED.finditer(text)]
        assert list(invited_sentences(text)) == old_invited, repr(text)
        old = [(m.start("list"), m["list"]) for m in OLD_PLATFORMS.finditer(text)]
        assert list(platform_lists(text)) == old, repr(text)
        assert PLATFORM_SPLIT.split(text) == OLD_SPLIT.split(text), repr(text)


def test_a_sentence_ends_at_a_full_stop_before_a_capital() -> None:
    text = "Mødet er slut. Ældrerådet er inviteret, jf. aftalen. Tak."
    assert list(invited_sentences(text)) == [(14, " Ældrerådet er inviteret, jf")]


def test_a_long_section_without_a_full_stop_is_read_in_one_pass() -> None:
    """The input that made the old pattern quadratic: no cue, no sentence end."""
    text = "ord " * 250_000  # 1 MB: the old pattern took minutes
    assert list(invited_sentences(text)) == []
    assert list(platform_lists("samarbejdsplatform " * 50_000)) == []


def _naive_compound(word: str, matcher: Matcher) -> Sense | None:
    """The compound lookup as it was: every suffix and prefix of the word (quadratic)."""
    head = next(
        (
            (len(word) - i, matcher.heads[word[i:]])
            for i in range(2, len(word))
            if word[i:] in matcher.heads
        ),
        None,
    )
    first = next(
        (
            (i, matcher.firsts[word[:i]])
            for i in range(len(word) - 3, 4, -1)
            if word[:i] in matcher.firsts
            and not word[i:].startswith(("isk", "ik", "ist", "isme", "iser", "lig"))
        ),
        None,
    )
    parts = [part for part in (head, first) if part is not None]
    return max(parts, key=lambda part: part[0])[1] if parts else None


def test_compounds_are_looked_up_in_parts_no_longer_than_the_labels() -> None:
    matcher = load_default_scheme().matcher
    words = [*matcher.heads, *matcher.firsts]
    rng = random.Random(7)
    for _ in range(3_000):
        word = "".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
        word = rng.choice(("", "by", "elektro", "x" * rng.randint(0, 40))) + word
        assert _compound_sense(word, matcher) == _naive_compound(word, matcher), word
    assert _compound_sense("a" * 1_000_000, matcher) is None  # one pass, not 10^12 steps


OLD_LEADERS = re.compile(r"\s*(?:\.{3,}|…+|\. \. \.)[\s.…]*(?P<page>\d{1,3})?\s*$")
LEADER_PIECES = (".", "..", "...", " ", "  ", "…", ". . .", "1", "12", "123", "1234", "a", "\t")


def test_contents_leaders_match_as_before_without_backtracking() -> None:
    """kg.parse.headings._LEADERS was cubic on a long run of dots not at the line's end."""
    rng = random.Random(3)
    for _ in range(20_000):
        text = "".join(rng.choice(LEADER_PIECES) for _ in range(rng.randint(0, 10)))
        old, new = OLD_LEADERS.search(text), _LEADERS.search(text)
        assert (old and (old.span(), old["page"])) == (new and (new.span(), new["page"])), text
        assert OLD_LEADERS.sub("", text) == _LEADERS.sub("", text), text
    line = "1 (Åben) Punkt " + "." * 200_000 + " 3 x"  # the old pattern: hours
    assert _LEADERS.search(line) is None
    assert _LEADERS.sub("", "Punkt ........ 12") == "Punkt"


OLD_LEADERS_ONLY = re.compile(
    r"\s*(?:\.{3,}|…+)\s*\d{0,3}(?:\s+Side\s+\d{1,3})?\s*$", re.IGNORECASE
)


def test_contents_lines_leaders_match_as_before_in_linear_time() -> None:
    """kg.parse.contents._LEADERS_ONLY was quadratic on a long run of dots."""
    rng = random.Random(5)
    pieces = (*LEADER_PIECES, "Side", " Side 3", "\n")
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        old, new = OLD_LEADERS_ONLY.search(text), _LEADERS_ONLY.search(text)
        assert (old and old.span()) == (new and new.span()), text
    assert _LEADERS_ONLY.search("Punkt " + "." * 300_000 + " 3 x") is None  # old: minutes
