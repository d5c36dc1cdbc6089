"""The one way letters are folded for comparison: case, æ/ø/å and accents.

Slugs (`kg.iri.slugify`) and search (`kg.search.words`) fold alike, so that a
word typed without Danish letters ("raadhus") meets the word as written ("Rådhus"). Name
matching (`kg.resolve.overrides.fold`) writes ø as "o", as a name typed without Danish
letters most often is ("Gronbech" for "Grønbech").

>>> fold("Rådhuset"), fold("Miljøudvalget"), fold("Café"), fold("STRAßE")
('raadhuset', 'miljoeudvalget', 'cafe', 'strasse')
>>> fold("Grønbech", stroke="o")
'gronbech'
"""

from __future__ import annotations

import unicodedata

_DANISH = {
    "oe": str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}),
    "o": str.maketrans({"æ": "ae", "ø": "o", "å": "aa"}),
}


def fold(text: str, *, stroke: str = "oe") -> str:
    """``text`` in lower case, with æ/ø/å spelt out as ae/oe/aa (ø as ``stroke``: "oe"
    or "o") and accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_DANISH[stroke]))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
