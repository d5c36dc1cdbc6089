"""Render the demo corpus's PDF documents from their text sources.

The sources live in ``examples/_pdf-sources/`` (a folder whose name starts with ``_`` so the
build skips it and no document is ingested twice); each is written in the same plain-text
format as the other minutes and agendas of the corpus. This script lays them out the way a
municipal agenda system prints them: a front page with the meeting header, a table of
contents with real page numbers, every agenda item starting on a new page, body text wrapped
to the page width, and a "Side N af M" footer on every page.

Run from the repository root::

    .venv/bin/python examples/make_pdfs.py

The output is deterministic: the same sources give byte-identical PDFs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

from kg.synth.phrases import DANISH

EXAMPLES = Path(__file__).resolve().parent
SOURCES = EXAMPLES / "_pdf-sources"

# source file -> (folder of the committee it belongs to, when the agenda system printed it)
TARGETS: dict[str, tuple[str, datetime]] = {
    "dagsorden-2024-02-27.txt": (
        "opgaveudvalg-om-groen-omstilling",
        datetime(2024, 2, 20, 11, 42, tzinfo=UTC),
    ),
    "referat-2024-02-27.txt": (
        "opgaveudvalg-om-groen-omstilling",
        datetime(2024, 2, 29, 9, 15, tzinfo=UTC),
    ),
}

FONT = "Helvetica"
BODY_SIZE = 10.5
LINE_H = 5.2
MARGIN = 20.0

# Helvetica is a core font with Latin-1 glyphs only: map what it cannot draw.
_LATIN1_MAP = str.maketrans(
    {"–": "-", "—": "-", "”": '"', "“": '"', "„": '"', "’": "'", "‘": "'", "•": "-", "…": "..."}
)

_ITEM = re.compile(r"^(\d+) \((Åben|Lukket)\) (.+)$")
_HEADINGS = frozenset(DANISH.headings)
_LIST = re.compile(r"^(- |\d+\. )")
_HEADER_LABELS = ("Mødetidspunkt ", "Mødeafholdelse ")


@dataclass
class Item:
    """One agenda item: its heading line and the lines of its body."""

    heading: str
    body: list[str] = field(default_factory=list)


@dataclass
class Document:
    """A source text split into front page, table-of-contents header and items."""

    front: list[str]
    toc_header: list[str]
    items: list[Item]


def latin1(text: str) -> str:
    """Text the core font can draw; raises if a character has no Latin-1 form."""
    mapped = text.translate(_LATIN1_MAP)
    mapped.encode("latin-1")
    return mapped


def parse(text: str) -> Document:
    """Split a source text at "Indholdsfortegnelse" and at the item headings after it."""
    lines = text.strip("\n").split("\n")
    toc_at = lines.index("Indholdsfortegnelse")
    front = lines[:toc_at]
    rest = lines[toc_at + 1 :]
    # the table of contents lists each heading once; the body repeats them
    headings = [line for line in rest if _ITEM.match(line)]
    n_items = len(headings) // 2
    first_body = [i for i, line in enumerate(rest) if _ITEM.match(line)][n_items]
    toc_header = [line for line in rest[:first_body] if line.strip() and not _ITEM.match(line)]
    items: list[Item] = []
    for line in rest[first_body:]:
        if _ITEM.match(line):
            items.append(Item(heading=line))
        else:
            items[-1].body.append(line)
    return Document(front=front, toc_header=toc_header, items=items)


def _new_pdf(title: str, when: datetime) -> FPDF:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.set_title(latin1(title))
    pdf.set_author("Havnbjerg Kommune")
    pdf.set_creator("Havnbjerg Kommune, dagsordenssystem")
    pdf.set_lang("da")
    pdf.set_creation_date(when)
    return pdf


def _paragraph(pdf: FPDF, text: str) -> None:
    """A body paragraph; a list item gets its marker and a hanging indent."""
    pdf.set_font(FONT, "", BODY_SIZE)
    match = _LIST.match(text)
    if match:
        pdf.cell(6.0, LINE_H, latin1(match.group(1).strip()))
        text = text[match.end() :]
    pdf.multi_cell(0, LINE_H, latin1(text), align="L", new_x="LMARGIN", new_y="NEXT")


def _front_page(pdf: FPDF, lines: list[str]) -> None:
    pdf.add_page()
    for line in lines:
        if not line.strip():
            pdf.ln(2.5)
        elif line.startswith(("Referat af møde i ", "Dagsorden til møde i ")):
            pdf.set_font(FONT, "B", 16)
            pdf.multi_cell(0, 8, latin1(line), align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif line.startswith(_HEADER_LABELS):
            label, value = line.split(" ", 1)
            pdf.set_font(FONT, "B", BODY_SIZE)
            pdf.cell(40, LINE_H, latin1(label))
            pdf.set_font(FONT, "", BODY_SIZE)
            pdf.cell(0, LINE_H, latin1(value), new_x="LMARGIN", new_y="NEXT")
        else:
            _paragraph(pdf, line)


def _toc_page(pdf: FPDF, doc: Document, pages: list[int]) -> None:
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 8, "Indholdsfortegnelse", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for line in doc.toc_header:
        pdf.set_font(FONT, "B" if not line[:1].isdigit() else "", BODY_SIZE)
        pdf.cell(0, LINE_H, latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(FONT, "", BODY_SIZE)
    width = pdf.w - 2 * MARGIN
    for item, page in zip(doc.items, pages, strict=True):
        title = latin1(item.heading)
        number = str(page)
        dot = pdf.get_string_width(".")
        room = width - pdf.get_string_width(title) - pdf.get_string_width(number) - 4
        leader = " " + "." * max(int(room / dot), 3) + " "
        pdf.cell(0, LINE_H, title + leader + number, new_x="LMARGIN", new_y="NEXT")


def _item_pages(pdf: FPDF, doc: Document) -> list[int]:
    starts: list[int] = []
    for item in doc.items:
        pdf.add_page()
        starts.append(int(pdf.page_no()))
        pdf.set_font(FONT, "B", 13)
        pdf.multi_cell(0, 7, latin1(item.heading), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        for line in item.body:
            if not line.strip():
                pdf.ln(2.2)
            elif line in _HEADINGS:
                if float(pdf.get_y()) > pdf.h - 45:  # keep a heading with its text
                    pdf.add_page()
                pdf.ln(1.5)
                pdf.set_font(FONT, "B", 11.5)
                pdf.cell(0, 6.5, latin1(line), new_x="LMARGIN", new_y="NEXT")
            else:
                _paragraph(pdf, line)
    return starts


def _footers(pdf: FPDF) -> None:
    total = int(pdf.pages_count)
    pdf.set_auto_page_break(auto=False)
    for number in range(1, total + 1):
        pdf.page = number
        pdf.set_xy(MARGIN, pdf.h - 14)
        pdf.set_font(FONT, "", 8.5)
        pdf.cell(0, 5, f"Side {number} af {total}", align="C")


def render(doc: Document, when: datetime, toc_pages: list[int] | None = None) -> FPDF:
    """Lay out a document in two passes: the first finds the page each item starts on,
    the second writes those page numbers into the table of contents."""
    pdf = _new_pdf(doc.front[0], when)
    _front_page(pdf, doc.front)
    _toc_page(pdf, doc, toc_pages or [0] * len(doc.items))
    starts = _item_pages(pdf, doc)
    if toc_pages is None:
        return render(doc, when, starts)
    _footers(pdf)
    return pdf


def main() -> None:
    """Render every source in ``_pdf-sources`` next to the other documents of its committee."""
    for name, (folder, printed) in sorted(TARGETS.items()):
        doc = parse((SOURCES / name).read_text(encoding="utf-8"))
        pdf = render(doc, printed)
        target = EXAMPLES / folder / Path(name).with_suffix(".pdf").name
        target.parent.mkdir(parents=True, exist_ok=True)
        pdf.output(str(target))
        print(f"{target.relative_to(EXAMPLES)}: {int(pdf.pages_count)} pages")


if __name__ == "__main__":
    main()
