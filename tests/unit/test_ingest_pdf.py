"""PDF text layers read with PDFium, on PDFs made at test time with fpdf2."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from kg.errors import InputError
from kg.ingest import MediaKind, read_document
from kg.ingest.pdf import NO_TEXT_HINT, paragraph_breaks, pdf_lines

#: A line of a page to draw, or a number: a vertical gap of that many millimetres.
Item = str | float


def _pdf(*pages: Sequence[Item]) -> bytes:
    """A PDF with one page per argument, in Helvetica 11 pt with 5 mm line spacing."""
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_font("Helvetica", size=11)
    for page in pages:
        pdf.add_page()
        for item in page:
            if isinstance(item, str):
                pdf.cell(h=5, text=item, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.ln(item)
    return bytes(pdf.output())


def _image_only() -> bytes:
    """A one-page PDF with a filled rectangle and no text at all."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 80, 40, style="F")
    return bytes(pdf.output())


def _write(tmp_path: Path, data: bytes, name: str = "dagsorden.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _spans(path: Path) -> list[tuple[str, int, int, int]]:
    return [(line.text, line.page, line.first, line.last) for line in read_document(path).lines]


def test_two_pages_keep_page_and_line_numbers(tmp_path: Path) -> None:
    data = _pdf(
        ["Resumé", "Mødet på Rådhuset æøå ÆØÅ.", "Tværgående Funktioner indstiller"],
        ["Bilag", "1. Program (2002763 - EMN-2017-04615)"],
    )
    text = read_document(_write(tmp_path, data))
    assert (text.media, text.encoding, text.pages) == (MediaKind.PDF, "pdf", 2)
    assert [(line.text, line.page, line.first, line.last) for line in text.lines] == [
        ("Resumé", 1, 1, 1),
        ("Mødet på Rådhuset æøå ÆØÅ.", 1, 2, 2),
        ("Tværgående Funktioner indstiller", 1, 3, 3),
        ("Bilag", 2, 1, 1),
        ("1. Program (2002763 - EMN-2017-04615)", 2, 2, 2),
    ]


def test_pdf_artefacts_are_repaired_with_their_source_lines(tmp_path: Path) -> None:
    data = _pdf(
        [
            "Opgaveudvalget skal i etableringsfasen rådgive kommu-",
            "nen om “eksterne” netværk, ",
            "finansiering samt social- og sundhed.",
            12,
            "• Andreas Boysen-",
            "Kleist deltog.",
        ]
    )
    assert _spans(_write(tmp_path, data)) == [
        (
            'Opgaveudvalget skal i etableringsfasen rådgive kommunen om "eksterne" netværk, '
            "finansiering samt social- og sundhed.",
            1,
            1,
            3,
        ),
        ("", 1, 3, 3),
        ("- Andreas Boysen-Kleist deltog.", 1, 4, 5),
    ]


def test_paragraph_gap_becomes_a_blank_line(tmp_path: Path) -> None:
    data = _pdf(["Første afsnit slutter her.", "Stadig første afsnit.", 10, "Andet afsnit."])
    raw = pdf_lines(data, "x.pdf")
    assert [(line.text, line.line) for line in raw] == [
        ("Første afsnit slutter her.", 1),
        ("Stadig første afsnit.", 2),
        ("", 2),
        ("Andet afsnit.", 3),
    ]


@pytest.mark.parametrize(
    ("boxes", "expected"),
    [
        ([(700, 12), (686, 12), (672, 12), (630, 12), (616, 12)], {3}),
        ([(700, 12), (686, 12), (672, 12)], set()),
        ([(700, 12), None, (686, 12), (640, 12), (626, 12)], {3}),
        ([(700, 12), (720, 12), (706, 12)], set()),
        ([(700, 12), (650, 12)], {1}),
        ([(700, 12), (680, 12), (660, 12), (640, 12)], set()),
        ([(700, 12), (686, 12), (650, 12), (636, 12), (600, 12)], {2, 4}),
        ([], set()),
        ([None], set()),
    ],
)
def test_paragraph_breaks(boxes: list[tuple[float, float] | None], expected: set[int]) -> None:
    assert paragraph_breaks(boxes) == expected


def test_image_only_pdf_has_no_text_layer(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no text layer \(a scanned PDF\?\)") as caught:
        read_document(_write(tmp_path, _image_only()))
    assert caught.value.hint == NO_TEXT_HINT
    assert "ocrmypdf" in str(caught.value)


def test_image_only_page_among_text_pages_is_read(tmp_path: Path) -> None:
    data = _pdf(["Side et."], [], ["Side tre."])
    assert _spans(_write(tmp_path, data)) == [("Side et.", 1, 1, 1), ("Side tre.", 3, 1, 1)]


def _truncations() -> Iterator[bytes]:
    data = _pdf(["Resumé", "Mødet på Rådhuset."], ["Bilag"])
    for share in (0.1, 0.5, 0.9):
        yield data[: int(len(data) * share)]
    yield data[:-3]


@pytest.mark.parametrize("data", list(_truncations()))
def test_truncated_pdf_is_an_input_error(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InputError, match=r"truncated PDF|damaged PDF"):
        read_document(_write(tmp_path, data))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (random.Random(3).randbytes(3000), "not a PDF"),
        (b"Referat af m\xf8de\n", "not a PDF"),
        (b"%PDF-1.7\n" + random.Random(4).randbytes(3000) + b"\n%%EOF\n", "damaged PDF"),
        (b"%PDF-1.4\n%%EOF\n", "damaged PDF"),
    ],
)
def test_not_a_pdf_is_an_input_error(tmp_path: Path, data: bytes, reason: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(InputError, match=reason) as caught:
        read_document(path)
    assert caught.value.path == path


def test_encrypted_pdf_asks_for_a_password(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(text="Hemmeligt referat")
    with pytest.raises(InputError, match="encrypted PDF"):
        read_document(_write(tmp_path, bytes(pdf.output())))


class _Opened:
    """Records every PDFium document, page and text page opened, kept alive to inspect."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.objects: list[Any] = []
        opened = self.objects
        real_document, real_page, real_textpage = (
            pdfium.PdfDocument,
            pdfium.PdfDocument.get_page,
            pdfium.PdfPage.get_textpage,
        )

        def document(*args: Any, **kwargs: Any) -> Any:
            opened.append(real_document(*args, **kwargs))
            return opened[-1]

        def page(self: Any, index: int) -> Any:
            opened.append(real_page(self, index))
            return opened[-1]

        def textpage(self: Any) -> Any:
            opened.append(real_textpage(self))
            return opened[-1]

        monkeypatch.setattr(pdfium, "PdfDocument", document)
        monkeypatch.setattr(real_document, "get_page", page)
        monkeypatch.setattr(pdfium.PdfPage, "get_textpage", textpage)


@pytest.mark.parametrize(
    ("data", "error"),
    [(_pdf(["Side et."], ["Side to."]), False), (_image_only(), True)],
)
def test_pdfium_objects_are_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes, error: bool
) -> None:
    opened = _Opened(monkeypatch)
    path = _write(tmp_path, data)
    if error:
        with pytest.raises(InputError):
            read_document(path)
    else:
        read_document(path)
    assert len(opened.objects) == (3 if error else 5)
    assert [obj.raw for obj in opened.objects] == [None] * len(opened.objects)
