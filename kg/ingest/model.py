"""The output of ingest: normalised text lines that remember where they came from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath


class MediaKind(StrEnum):
    """The kinds of source file ingest reads, with their media types."""

    PDF = "application/pdf"
    TEXT = "text/plain"
    HTML = "text/html"
    #: An agenda portal's meeting as JSON: read by `kg.ingest.portal`, not as lines.
    JSON = "application/json"

    @classmethod
    def from_extension(cls, path: PurePath | str) -> MediaKind | None:
        """The kind a file name's extension says, or None for one ingest does not read.

        >>> MediaKind.from_extension("referat.PDF")
        <MediaKind.PDF: 'application/pdf'>
        >>> MediaKind.from_extension("notes.docx") is None
        True
        """
        return _EXTENSIONS.get(PurePath(path).suffix.lower())

    @classmethod
    def from_media_type(cls, media_type: str) -> MediaKind | None:
        """The kind for a media type such as ``text/html; charset=utf-8``."""
        base = media_type.split(";", 1)[0].strip().lower()
        for kind in cls:
            if kind.value == base:
                return kind
        return None


_EXTENSIONS = {
    ".pdf": MediaKind.PDF,
    ".txt": MediaKind.TEXT,
    ".text": MediaKind.TEXT,
    ".html": MediaKind.HTML,
    ".htm": MediaKind.HTML,
    ".json": MediaKind.JSON,
}


@dataclass(frozen=True, slots=True)
class Line:
    """One normalised line and the source lines it was made from.

    ``page`` is 1-based (always 1 for text and HTML); ``first`` and ``last`` are the
    1-based line numbers on that page of the first and last source line joined into it.
    """

    text: str
    page: int
    first: int
    last: int
    #: Where repair joined source lines into this one: each source line's number and
    #: cleaned text, so that words can be cited at their own line (empty for one line).
    parts: tuple[tuple[int, str], ...] = ()
    #: The cells of a table row, where the source set them apart (tabs, wide gaps of
    #: spaces, an HTML table's cells) and the line is that one row alone; else empty.
    cells: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Text:
    """A source document as normalised lines.

    ``name`` identifies the document within its corpus (its path relative to the folder
    it was found in, with forward slashes); ``sha256`` is the hash of the file's bytes.
    """

    name: str
    path: str
    sha256: str
    media: MediaKind
    encoding: str
    lines: tuple[Line, ...]

    @property
    def pages(self) -> int:
        """How many pages the source has (1 for text and HTML)."""
        return max((line.page for line in self.lines), default=1)
