"""Decoding bytes: byte-order marks, UTF-8, cp1252, latin-1, mojibake, empty and binary files."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_document
from kg.ingest.encoding import decode, repair_mojibake

DANISH = "Mødet på Rådhuset: æøå ÆØÅ"
QUOTED = "Mødet – “citat” og ‘ord’ € …"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (DANISH.encode("utf-8"), DANISH, "utf-8"),
        (QUOTED.encode("utf-8"), QUOTED, "utf-8"),
        (codecs.BOM_UTF8 + DANISH.encode("utf-8"), DANISH, "utf-8-sig"),
        (QUOTED.encode("cp1252"), QUOTED, "cp1252"),
        (DANISH.encode("cp1252"), DANISH, "cp1252"),
        (DANISH.encode("latin-1") + b" \x81", DANISH + " \x81", "latin-1"),
        (codecs.BOM_UTF16_LE + QUOTED.encode("utf-16-le"), QUOTED, "utf-16-le"),
        (codecs.BOM_UTF16_BE + QUOTED.encode("utf-16-be"), QUOTED, "utf-16-be"),
        (codecs.BOM_UTF32_LE + DANISH.encode("utf-32-le"), DANISH, "utf-32-le"),
        (DANISH.encode("utf-16-le"), DANISH, "utf-16-le"),
        (DANISH.encode("utf-16-be"), DANISH, "utf-16-be"),
    ],
)
def test_decode_names_the_encoding(data: bytes, text: str, encoding: str) -> None:
    decoded = decode(data, "x.txt")
    assert (decoded.text, decoded.encoding, decoded.repaired) == (text, encoding, False)


def test_utf16_with_platform_bom() -> None:
    decoded = decode(DANISH.encode("utf-16"), "x.txt")
    assert decoded.text == DANISH
    assert decoded.encoding in ("utf-16-le", "utf-16-be")


def test_declared_encoding_is_used_when_bytes_are_not_utf8() -> None:
    russian = "Протокол заседания"
    assert decode(russian.encode("koi8-r"), "x.html", declared="koi8-r").text == russian
    assert decode(DANISH.encode("utf-8"), "x.html", declared="koi8-r").encoding == "utf-8"
    assert decode(DANISH.encode("cp1252"), "x.html", declared="iso-8859-1").encoding == "cp1252"
    assert decode(DANISH.encode("cp1252"), "x.html", declared="no-such-codec").text == DANISH


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MÃ¸det pÃ¥ RÃ¥dhuset", "Mødet på Rådhuset"),
        ("Ã¦ Ã¸ Ã¥ Ã† Ã˜ Ã…", "æ ø å Æ Ø Å"),
        ("ResumÃ©", "Resumé"),
        ("aktÃ¸rer â€“ politikere", "aktører – politikere"),
        ("Ã¥r â€” og", "år — og"),
        ("â€œcitatâ€\x9d og Ã¦", "“citat” og æ"),
        ("â€œcitatâ€ slut", "“citat” slut"),
        ("â€¢ punkt", "• punkt"),
        ("MÃƒÂ¸det", "Mødet"),
        ("Mødet og Ã¸", "Mødet og ø"),
    ],
)
def test_mojibake_is_repaired(text: str, expected: str) -> None:
    assert repair_mojibake(text) == expected
    decoded = decode(text.encode("utf-8"), "x.txt")
    assert (decoded.text, decoded.encoding, decoded.repaired) == (expected, "utf-8", True)


@pytest.mark.parametrize(
    "text",
    [
        DANISH,
        QUOTED,
        "ÆBLE ÅBEN ØST, naïve café",
        "SÃO PAULO",
        "Å\u00a0og Ø»",
        "3 × 4 ± 1 ° ½",
    ],
)
def test_clean_text_is_not_touched(text: str) -> None:
    assert repair_mojibake(text) == text


def test_utf8_bytes_are_never_read_as_cp1252() -> None:
    decoded = decode("MÃ¸det".encode("cp1252"), "x.txt")
    assert (decoded.text, decoded.encoding) == ("Mødet", "utf-8")


@pytest.mark.parametrize(
    "data",
    [b"", b"   \r\n\t  \n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, "\u200b \ufeff".encode()],
)
def test_empty_file(data: bytes) -> None:
    with pytest.raises(InputError, match="empty file"):
        decode(data, "x.txt")


def _noise() -> bytes:
    """Reproducible random bytes without NUL, so only the control-character share tells."""
    return bytes(b for b in random.Random(7).randbytes(4096) if b)


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"Referat\x00 af m\x00de",
        _noise(),
        b"\x01\x02\x03\x04 binary-ish header \x05\x06\x07\x08\x0e\x0f",
    ],
)
def test_binary_content(data: bytes) -> None:
    with pytest.raises(InputError, match="binary file, not text"):
        decode(data, "x.txt")


def test_invalid_bytes_after_a_bom_name_the_line() -> None:
    data = codecs.BOM_UTF8 + b"Linje 1\nLinje 2 \xff\n"
    with pytest.raises(InputError, match="not valid utf-8-sig") as caught:
        decode(data, "x.txt")
    assert caught.value.line == 2


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Resumé\r\nMødet på Rådhuset\r\n".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "Resumé\nMødet på Rådhuset\n".encode(), "utf-8-sig"),
        ("Resumé\rMødet på Rådhuset\r".encode("cp1252"), "cp1252"),
        ("Resumé\nMødet på Rådhuset\n".encode("latin-1") + b"\x8d", "latin-1"),
        (codecs.BOM_UTF16_LE + "Resumé\nMødet på Rådhuset".encode("utf-16-le"), "utf-16-le"),
        ("ResumÃ©\nMÃ¸det pÃ¥ RÃ¥dhuset".encode(), "utf-8"),
    ],
)
def test_read_document_decodes_text_files(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "referat.txt"
    path.write_bytes(data)
    text = read_document(path)
    assert [line.text for line in text.lines] == ["Resumé", "Mødet på Rådhuset"]
    assert [line.first for line in text.lines] == [1, 2]
    assert text.encoding == encoding


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n \n", "empty file"),
        (b"\x00\x01\x02\x03", "binary file, not text"),
    ],
)
def test_read_document_rejects_empty_and_binary(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "referat.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=reason) as caught:
        read_document(path)
    assert caught.value.path == path
