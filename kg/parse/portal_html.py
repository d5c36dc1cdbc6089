"""An agenda portal item's HTML field, split into the sections of the graph model by its
headings, as clean text with one line per paragraph.

The portal writes an item as ``<h3>Beslutning</h3>`` (the decision, once taken), then
``<h3>Fremstilling</h3>`` holding ``<h2>``/``<h3>`` sub-headings (Sagsprocedure, Resume,
Indstilling, Sagsbeskrivelse, Økonomiske konsekvenser, ...) and ``<h3>Sagens forløb</h3>``
(what other committees decided on the case). A heading may wrap its words in ``<span>``;
an empty heading is no heading. An item without headings (a closed item, say) is one text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from kg.ingest.html import html_lines
from kg.language import fold_spaces, language
from kg.parse.model import SectionKind

#: The language whose headings a portal's HTML fields use (`kg.language`).
PORTAL_LANGUAGE = "da"


def heading_kind(heading: str) -> SectionKind | None:
    """The section of the graph model a heading opens, or None for a heading the model
    has no section for (its text joins the background after its own heading line).

    >>> heading_kind("Beslutning"), heading_kind("Sagens forløb"), heading_kind("Økonomi")
    (<SectionKind.DECISION: 'decision'>, <SectionKind.PRIOR_DECISIONS: 'priorDecisions'>, None)
    """
    kind = language(PORTAL_LANGUAGE).section_words.get(fold_spaces(heading).rstrip(" :"))
    return SectionKind(kind) if kind not in (None, "other") else None


_HEADING = re.compile(r"<h[1-6]\b[^>]*>(?P<inner>.*?)</h[1-6]\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
#: "Center for Teknik & Miljø indstiller, at ..." names the unit that recommends.
_RECOMMENDER = re.compile(r"^(?P<unit>[A-ZÆØÅ][^\n.:;]{2,120}?)\s+indstiller\b")


@dataclass(frozen=True)
class Part:
    """The text under one heading (``heading`` empty for text before any heading)."""

    heading: str
    text: str


def clean_text(fragment: str) -> str:
    """HTML as text: markup and entities gone, one line per paragraph or line break.

    >>> clean_text("<p>Byr&aring;det godkendte.</p>\\n<p>&nbsp;</p><p>(F) imod.<br>Ok</p>")
    'Byrådet godkendte.\\n(F) imod.\\nOk'
    """
    lines = (" ".join(line.text.replace("\xa0", " ").split()) for line in html_lines(fragment))
    return "\n".join(line for line in lines if line)


def heading_text(inner: str) -> str:
    """The words of a heading's inner HTML.

    >>> heading_text("<span>Økonomiske  konsekvenser</span>")
    'Økonomiske konsekvenser'
    """
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", inner)).replace("\xa0", " ")).strip()


def split_parts(fragment: str) -> list[Part]:
    """The texts of an HTML field under each of its headings, in order; empty ones left out."""
    parts: list[Part] = []
    heading, start = "", 0
    for match in _HEADING.finditer(fragment):
        words = heading_text(match["inner"])
        if not words:
            continue  # an empty heading ("<h3><i><br></i></h3>") is no heading
        parts.append(Part(heading, clean_text(fragment[start : match.start()])))
        heading, start = words, match.end()
    parts.append(Part(heading, clean_text(fragment[start:])))
    return [p for p in parts if p.text]


def sections(fragment: str, *, held: bool) -> dict[SectionKind, str]:
    """The section texts of an item's HTML field, by kind. Text under no heading is the
    decision of a meeting that was ``held``, else background."""
    own: dict[SectionKind, list[str]] = {}
    extra: list[str] = []  # background under headings the model has no section for
    for part in split_parts(fragment):
        found = heading_kind(part.heading) if part.heading else None
        if not part.heading:
            kind = SectionKind.DECISION if held else SectionKind.BACKGROUND
        elif found is not None:
            kind = found
        else:
            extra.append(f"{part.heading}\n{part.text}")
            continue
        own.setdefault(kind, []).append(part.text)
    if extra:
        own.setdefault(SectionKind.BACKGROUND, []).extend(extra)
    return {kind: "\n".join(texts) for kind, texts in own.items()}


def recommender(recommendation: str) -> str | None:
    """The unit an Indstilling names as recommending, if its first words name one.

    >>> recommender("Center for Politik, Organisation & Borgerbetjening indstiller at ...")
    'Center for Politik, Organisation & Borgerbetjening'
    >>> recommender("Det indstilles, at sagen godkendes.") is None
    True
    """
    match = _RECOMMENDER.match(recommendation)
    return match["unit"].strip() if match else None
