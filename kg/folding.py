"""The one way letters are folded for comparison: case, æ/ø/å and accents.

Slugs (`kg.resolve.names.slugify`) and search (`kg.web.search`) fold alike, so that a
word typed without Danish letters ("raadhus") meets the word as written ("Rådhus").

>>> fold("Rådhuset"), fold("Miljøudvalget"), fold("Café"), fold("STRAßE")
('raadhuset', 'miljoeudvalget', 'cafe', 'strasse')
"""

from __future__ import annotations

import unicodedata

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def fold(text: str) -> str:
    """``text`` in lower case, with æ/ø/å spelt out as ae/oe/aa and accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_DANISH))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
