"""The one place where data IRIs are minted: ``{base}id/{type}/{slug}``, and their slugs.

At the bottom of the house: every stage that names a resource (resolve, rdf, the build,
publish, web, harvest) may use it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum

from kg.folding import fold


def slugify(text: str) -> str:
    """A readable IRI segment: lower case, Danish letters spelt out, no slash.

    >>> slugify("Teknik- og Miljøudvalget")
    'teknik-og-miljoeudvalget'
    >>> slugify("Marie-Louise Andreassen")
    'marie-louise-andreassen'
    >>> slugify("000_fd3d242d88b435d4.txt")
    '000-fd3d242d88b435d4-txt'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug or "x"


class Kind(StrEnum):
    """The types of resource that get an IRI; the value is the IRI's path segment."""

    COMMITTEE = "committee"
    MUNICIPALITY = "municipality"
    MEETING = "meeting"
    ITEM = "item"
    CASE = "case"
    ATTACHMENT = "attachment"
    PERSON = "person"
    UNIT = "unit"
    DOCUMENT = "document"
    BUILD = "build"
    AGENT = "agent"
    ORGANIZATION = "organization"
    ROLE = "role"
    POST = "post"
    MEMBERSHIP = "membership"
    GROUP = "group"
    PROJECT = "project"
    THEME = "theme"
    PLATFORM = "platform"
    SCHEME = "scheme"


@dataclass(frozen=True)
class Minter:
    """Mints the IRIs of one dataset from its base IRI (ending in a slash).

    >>> Minter("http://localhost:8000/").iri(Kind.PERSON, "gry-ravn")
    'http://localhost:8000/id/person/gry-ravn'
    """

    base: str

    def iri(self, kind: Kind, slug: str) -> str:
        """The IRI of a resource of ``kind`` with ``slug`` (which must hold no slash)."""
        if "/" in slug or not slug:
            raise ValueError(f"a slug must be non-empty and hold no slash: {slug!r}")
        return f"{self.base}id/{kind.value}/{slug}"

    def skolem(self, *parts: str) -> str:
        """A stable IRI for a node that would otherwise be blank (RDF 1.1 skolemisation)."""
        digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]
        return f"{self.base}.well-known/genid/{digest}"

    def prefixes(self) -> dict[str, str]:
        """A prefix for each kind of minted IRI, e.g. ``meeting`` → ``{base}id/meeting/``;
        people are ``people:`` (as in DESIGN.md), since ``person:`` is W3C's vocabulary."""
        names = {Kind.PERSON: "people"}
        return {names.get(kind, kind.value): f"{self.base}id/{kind.value}/" for kind in Kind}

    def split(self, iri: str) -> tuple[Kind, str] | None:
        """The kind and slug of an IRI this minter made, or None."""
        prefix = f"{self.base}id/"
        if not iri.startswith(prefix):
            return None
        kind, _, slug = iri[len(prefix) :].partition("/")
        try:
            return Kind(kind), slug
        except ValueError:
            return None


#: The graph in which the build keeps what the pages show of the whole dataset (counts,
#: list rows, relation-graph drawings, `kg.stats`): the server's bookkeeping, derived
#: from the data, not published with it (dumps and the static site leave it out).
STATISTICS = "statistics"


def statistics_graph(base: str) -> str:
    """The IRI of the statistics graph of the dataset at ``base``.

    >>> statistics_graph("http://localhost:8000/")
    'http://localhost:8000/statistics'
    """
    return f"{base}{STATISTICS}"
