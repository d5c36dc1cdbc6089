"""The text layer of a PDF, page by page and line by line, read with PDFium (pypdfium2).

Every PDFium object opened here is closed before the function returns, also on error,
so that reading thousands of files does not leak native memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from statistics import median

import pypdfium2 as pdfium

from kg.errors import InputError
from kg.ingest.repair import RawLine

#: Where a PDF must show its header ("%PDF-") and its end marker ("%%EOF"), as readers expect.
ENVELOPE_BYTES = 1024

#: A gap between two lines wider than this many normal line distances marks a paragraph.
PARAGRAPH_GAP = 1.4

NO_TEXT_HINT = "run OCR first, e.g. ocrmypdf, then build the OCR'd file"

#: PDFium's marks for a hyphen it removed when it joined a word broken over two lines.
_HYPHEN_MARKS = "\ufffe\x02"
_LINE = re.compile(r"[^\r\n\ufffe\x02]*(?:\r\n|[\r\n\ufffe\x02]|$)")


def pdf_lines(data: bytes, path: Path | str) -> list[RawLine]:
    """The lines of each page's text layer, with 1-based page and line numbers.

    A blank line stands for a paragraph gap seen in the layout. Raises InputError for
    something that is not a PDF, a damaged or encrypted PDF, and a PDF without text.
    """
    _check_envelope(data, path)
    with _document(data, path) as document:
        count = len(document)
        if count == 0:
            raise InputError(path, "the PDF has no pages")
        lines = [line for number in range(1, count + 1) for line in _page(document, number, path)]
    if not any(line.text.strip() for line in lines):
        raise InputError(path, "no text layer (a scanned PDF?)", hint=NO_TEXT_HINT)
    return lines


def _check_envelope(data: bytes, path: Path | str) -> None:
    """InputError unless the bytes start like a PDF and end like a complete one."""
    if b"%PDF-" not in data[:ENVELOPE_BYTES]:
        raise InputError(
            path, "not a PDF (no %PDF- header)", hint="check the file; its name says .pdf"
        )
    if b"%%EOF" not in data[-ENVELOPE_BYTES:]:
        raise InputError(
            path,
            "truncated PDF (no %%EOF marker at the end)",
            hint="the download or copy was cut short; fetch the file again",
        )


@contextmanager
def _document(data: bytes, path: Path | str) -> Iterator[pdfium.PdfDocument]:
    """The opened document, closed on exit; InputError naming PDFium's reason on failure."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if "password" in str(err).lower():
            raise InputError(
                path,
                "encrypted PDF (needs a password)",
                hint="decrypt it first, e.g. qpdf --decrypt in.pdf out.pdf",
            ) from err
        raise InputError(
            path, f"damaged PDF ({err})", hint="fetch or export the file again"
        ) from err
    try:
        yield document
    finally:
        document.close()


def _page(document: pdfium.PdfDocument, number: int, path: Path | str) -> list[RawLine]:
    """The raw lines of one page (1-based ``number``); its page and text page are closed."""
    try:
        with closing(document[number - 1]) as page, closing(page.get_textpage()) as textpage:
            return _page_lines(textpage, number)
    except pdfium.PdfiumError as err:
        raise InputError(path, f"page could not be read ({err})", page=number) from err


def _page_lines(textpage: pdfium.PdfTextPage, number: int) -> list[RawLine]:
    """Split a page's text into numbered lines, with blank lines at paragraph gaps."""
    text = textpage.get_text_range()
    segments = _segments(text)
    if len(text) == textpage.count_chars():
        boxes = [_box(textpage, start, line_text) for start, line_text in segments]
        breaks = paragraph_breaks(boxes)
    else:  # PDFium's text and char list disagree: positions are not reliable
        breaks = set()
    lines: list[RawLine] = []
    for index, (_, line_text) in enumerate(segments):
        if index in breaks:
            lines.append(RawLine("", number, index))
        lines.append(RawLine(line_text, number, index + 1))
    return lines


def _segments(text: str) -> list[tuple[int, str]]:
    """Each visual line of a page's text as (offset of its first char, text).

    A line PDFium joined at a hyphen is split again and gets its hyphen back, so that
    repair decides how to join it and line numbers match what a reader counts.
    """
    segments: list[tuple[int, str]] = []
    for match in _LINE.finditer(text):
        chunk = match[0]
        if not chunk:
            break
        body = chunk.rstrip("\r\n")
        if body.endswith(tuple(_HYPHEN_MARKS)):
            body = body[:-1] + "-"
        segments.append((match.start(), body))
    return segments


def _box(textpage: pdfium.PdfTextPage, start: int, text: str) -> tuple[float, float] | None:
    """(bottom, height) of the font box of a line's first visible char, or None if blank."""
    offset = len(text) - len(text.lstrip())
    if offset == len(text):
        return None
    _, bottom, _, top = textpage.get_charbox(start + offset, loose=True)
    return float(bottom), float(top - bottom)


def paragraph_breaks(boxes: Sequence[tuple[float, float] | None]) -> set[int]:
    """Indexes of lines that follow a gap wider than :data:`PARAGRAPH_GAP` normal lines.

    ``boxes`` holds each line's (bottom, height) in PDF units (y grows upwards), None for a
    blank line. The normal distance is the page's median, capped at 1.5 line heights.

    >>> sorted(paragraph_breaks([(700, 12), (686, 12), (672, 12), (630, 12), (616, 12)]))
    [3]
    """
    steps: list[tuple[int, float, float]] = []
    previous: tuple[float, float] | None = None
    for index, box in enumerate(boxes):
        if box is None:
            continue
        if previous is not None and previous[0] - box[0] > 0:
            steps.append((index, previous[0] - box[0], box[1]))
        previous = box
    if not steps:
        return set()
    normal = median(step for _, step, _ in steps)
    return {
        index for index, step, height in steps if step > PARAGRAPH_GAP * min(normal, 1.5 * height)
    }
