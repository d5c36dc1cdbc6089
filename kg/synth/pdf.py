"""Minutes and agendas as PDF, laid out as an agenda system prints them.

Front page with the header and attendance, a page with the table of contents, each item
from a new page under a running header, a "Side N af M" footer on every page. Helvetica
(a core font) draws Latin-1, which covers Danish letters. The creation date is the
meeting's, so the same layout gives the same bytes.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time

from fpdf import FPDF

from kg.synth.phrases import DANISH, ENGLISH
from kg.synth.text import Layout

FONT = "Helvetica"
SIZE = 10.5
LINE = 5.2
MARGIN = 20.0

_LIST = re.compile(r"^(- |\d+\. )")


class _Printout(FPDF):
    """A page with a running header (committee and date) from the first item page on."""

    running = ""

    def header(self) -> None:
        if int(self.page_no()) > 2:
            self.set_font(FONT, "", 8.5)
            self.cell(0, 5, self.running, new_x="LMARGIN", new_y="NEXT")
            self.ln(3)


def render_pdf(doc: Layout, *, printed: datetime, footer: str, running: str) -> bytes:
    """The PDF bytes of ``doc``; ``footer`` is "Side {} af {}" or its English form and
    ``running`` the header of the item pages."""
    pdf = _Printout(orientation="P", unit="mm", format="A4")
    pdf.running = running
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.set_title(doc.title)
    pdf.set_creator("minutes-kg synth")
    pdf.set_creation_date(datetime.combine(printed.date(), time(9), tzinfo=UTC))
    _front(pdf, doc)
    _contents(pdf, doc)
    for heading, body in doc.items:
        pdf.add_page()
        pdf.set_font(FONT, "B", 13)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        for line in body:
            _line(pdf, line, headings=_HEADINGS)
    _footers(pdf, footer)
    return bytes(pdf.output())


#: The section headings of every language the synthetic documents are written in.
_HEADINGS = frozenset(DANISH.headings + ENGLISH.headings)


def _line(pdf: FPDF, line: str, *, headings: frozenset[str]) -> None:
    if not line.strip():
        pdf.ln(2.2)
    elif line in headings:
        if float(pdf.get_y()) > pdf.h - 45:
            pdf.add_page()
        pdf.set_font(FONT, "B", 11.5)
        pdf.cell(0, 6.5, line, new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.set_font(FONT, "", SIZE)
        match = _LIST.match(line)
        if match:
            pdf.cell(6.0, LINE, match.group(1).strip())
            line = line[match.end() :]
        pdf.multi_cell(0, LINE, line, new_x="LMARGIN", new_y="NEXT")


def _front(pdf: FPDF, doc: Layout) -> None:
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 8, doc.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for line in doc.front[1:]:
        if not line.strip():
            pdf.ln(2.5)
            continue
        pdf.set_font(FONT, "", SIZE)
        pdf.multi_cell(0, LINE, line, new_x="LMARGIN", new_y="NEXT")


def _contents(pdf: FPDF, doc: Layout) -> None:
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 8, doc.contents_heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", SIZE)
    for line in doc.contents:
        if not line.strip():
            pdf.ln(2.5)
            continue
        title, _, page = line.partition("\t")
        title = title.rstrip(".")
        if not page:
            pdf.cell(0, LINE, title, new_x="LMARGIN", new_y="NEXT")
            continue
        room = pdf.w - 2 * MARGIN - pdf.get_string_width(title + page) - 4
        leader = " " + "." * max(int(room / pdf.get_string_width(".")), 3) + " "
        pdf.cell(0, LINE, title + leader + page, new_x="LMARGIN", new_y="NEXT")


def _footers(pdf: FPDF, footer: str) -> None:
    total = int(pdf.pages_count)
    pdf.set_auto_page_break(auto=False)
    for number in range(1, total + 1):
        pdf.page = number
        pdf.set_xy(MARGIN, pdf.h - 14)
        pdf.set_font(FONT, "", 8.5)
        pdf.cell(0, 5, footer.format(number, total), align="C")
