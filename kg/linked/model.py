"""What a resource's page shows, as data: the page, its rows of values, the groups of
resources linking to it, and where each fact came from. `kg.linked.page` builds it,
the ``resource.html`` template writes it."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.linked.i18n import Locale

# ---------------------------------------------------------------- the page's model


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    lang: str | None = None
    #: The full IRI, shown on hover.
    title: str = ""
    #: Not a resource of this dataset.
    external: bool = False


@dataclass(frozen=True)
class Source:
    """Where one fact was read: a document, and page and lines (or the document the fact
    was resolved from), and the text as written when it differs from the value."""

    document: Link
    where: str = ""
    resolved_from: Link | None = None
    text: str | None = None
    #: The document as published (its URL, or the file it was read from), and when.
    origin: Link | None = None
    published: str = ""


@dataclass(frozen=True)
class Entry:
    """One value of a property (a link or a literal), or one resource linking here."""

    link: Link | None = None
    text: str = ""
    lang: str | None = None
    #: The compact datatype of a literal that is not a plain string.
    datatype: str | None = None
    #: A date-time value in its lexical form, for ``<time datetime=…>``.
    machine: str | None = None
    note: str = ""
    aside: Link | None = None
    sources: tuple[Source, ...] = ()
    #: How the value was written in the documents, where that differs from it (when the
    #: row states the sources once for all its values).
    written: tuple[str, ...] = ()
    long: bool = False


@dataclass(frozen=True)
class Row:
    """A property of the resource with its values; ``sources`` when all values share them."""

    predicate: Link
    compact: str
    entries: tuple[Entry, ...]
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Group:
    """The resources linking here by one property."""

    predicate: Link
    compact: str
    label: str
    count: int
    entries: tuple[Entry, ...]
    more: int


@dataclass(frozen=True)
class TypeView:
    label: str
    compact: str
    href: str


@dataclass(frozen=True)
class Alternate:
    suffix: str
    media: str
    name: str
    href: str


@dataclass(frozen=True)
class Page:
    iri: str
    path: str
    title: str
    lang: str | None
    types: tuple[TypeView, ...]
    #: A line of context under the title: a meeting's committee, time and place.
    lead: tuple[Entry, ...]
    rows: tuple[Row, ...]
    texts: tuple[Row, ...]
    incoming: tuple[Group, ...]
    alternates: tuple[Alternate, ...]
    root: str
    #: The language the page is written in.
    locale: Locale = field(default_factory=Locale)


@dataclass(frozen=True)
class Summary:
    entry: Entry
    key: tuple[str, int, str]
