"""The one way letters are folded for comparison: case, æ/ø/å and accents.

Slugs (`kg.iri.slugify`) and search (`kg.search.words`) fold alike, so that a
word typed without Danish letters ("raadhus") meets the word as written ("Rådhus"). Name
matching (`kg.resolve.overrides.fold`) writes ø as "o", as a name typed without Danish
letters most often is ("Gronbech" for "Grønbech").

>>> fold("Rådhuset"), fold("Miljøudvalget"), fold("Café"), fold("STRAßE")
('raadhuset', 'miljoeudvalget', 'cafe', 'strasse')
>>> fold("Grønbech", stroke="o")
'gronbech'
>>> spell_out("Ærø Grønbech", stroke="o")
'Aero Gronbech'
"""

from __future__ import annotations

import unicodedata

#: Each Danish letter spelt out, ø by each choice of stroke, in both cases.
_SPELT = {
    stroke: {"æ": "ae", "ø": stroke, "å": "aa", "Æ": "Ae", "Ø": stroke.capitalize(), "Å": "Aa"}
    for stroke in ("oe", "o")
}
_DANISH = {stroke: str.maketrans(letters) for stroke, letters in _SPELT.items()}


def fold(text: str, *, stroke: str = "oe") -> str:
    """``text`` in lower case, with æ/ø/å spelt out as ae/oe/aa (ø as ``stroke``: "oe"
    or "o") and accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_DANISH[stroke]))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def spell_out(text: str, *, stroke: str = "oe") -> str:
    """``text`` with æ/ø/å spelt out as ae/oe/aa (ø as ``stroke``), case kept: a name as
    somebody types it without Danish letters ("Gronbech"), not a key for comparison."""
    return text.translate(_DANISH[stroke])
