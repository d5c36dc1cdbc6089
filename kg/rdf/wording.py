"""A section's text as a literal states it: the words, without the marks of the layout.

Markdown emphasis (``**…**``, ``*…*``, ``__…__``) and list bullets are how a document
was typeset, not what it says; the text as written stays in the fact's
``mkg:sourceText`` (`kg.rdf.builder`).
"""

from __future__ import annotations

import re

_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_BULLET = re.compile(r"^[ \t]*(?:[-•*▪◦‣]|–)[ \t]+", re.MULTILINE)


def plain(text: str) -> str:
    """``text`` without Markdown emphasis marks and list bullets.

    >>> plain("- **At opgaveudvalget får en fælles viden.**\\n- Fysiske robotter")
    'At opgaveudvalget får en fælles viden.\\nFysiske robotter'
    >>> plain("Et *nyt* forslag; 5 * 3 er 15; 2017-04-25 - 2017-06-27")
    'Et nyt forslag; 5 * 3 er 15; 2017-04-25 - 2017-06-27'
    """
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\1", text)
    return _BULLET.sub("", text)
