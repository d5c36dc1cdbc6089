"""The message catalogue: every message the pages use has its Danish."""

from __future__ import annotations

import re

import pytest

from kg.graphs.model import GraphName, NodeType
from kg.linked import terms
from kg.linked.i18n import Language, Locale, choose
from kg.linked.listings import LISTINGS
from kg.linked.messages import DANISH
from kg.linked.render import TEMPLATES


def _template_messages() -> set[str]:
    found: set[str] = set()
    for path in TEMPLATES.glob("*.html"):
        found |= set(re.findall(r"_\('((?:[^'\\]|\\.)*)'", path.read_text(encoding="utf-8")))
    return found


def test_every_message_of_the_templates_has_its_danish() -> None:
    missing = sorted(_template_messages() - set(DANISH))
    assert not missing


def test_every_message_of_the_code_has_its_danish() -> None:
    code = [*terms.STANDARD_LABELS.values(), *terms.INVERSE.values()]
    code += [s.title for s in LISTINGS.values()] + [s.intro for s in LISTINGS.values()]
    code += [c for s in LISTINGS.values() for c in s.columns]
    code += [g.heading for g in GraphName] + [g.description for g in GraphName]
    code += [t.value for t in NodeType]
    assert not sorted(set(code) - set(DANISH))


def test_danish_messages_keep_their_placeholders() -> None:
    for english, danish in DANISH.items():
        assert set(re.findall(r"{\w+}", english)) == set(re.findall(r"{\w+}", danish)), english


@pytest.mark.parametrize(
    ("lexical", "danish", "english"),
    [
        (
            "2017-04-25T19:00:00+02:00",
            "25. april 2017, 19.00 (UTC+02:00)",
            "25 April 2017, 19:00 (UTC+02:00)",
        ),
        ("2023-01-05T09:05:00Z", "5. januar 2023, 09.05 (UTC)", "5 January 2023, 09:05 (UTC)"),
        ("not a date", "not a date", "not a date"),
    ],
)
def test_moments(lexical: str, danish: str, english: str) -> None:
    assert Locale(Language.DA).moment(lexical) == danish
    assert Locale(Language.EN).moment(lexical) == english


def test_numbers() -> None:
    assert Locale(Language.DA).number(1234567) == "1.234.567"
    assert Locale(Language.DA).number("0.125", 3) == "0,125"
    assert Locale(Language.EN).number("0.125", 3) == "0.125"
    assert Locale(Language.DA).number("") == ""


def test_a_bad_quality_value_does_not_break_the_choice() -> None:
    assert choose(None, "xx", "en;q=abc, da;q=0.2") is Language.DA
    assert choose("xx", None, None) is Language.DA
