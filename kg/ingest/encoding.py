"""Bytes to text: byte-order marks, strict UTF-8, then cp1252 or latin-1; mojibake repaired.

The order never turns valid UTF-8 into mojibake: a single-byte code page is only tried
when the bytes are not UTF-8. Text that already is mojibake (UTF-8 once read as cp1252
and saved again, "Ã¦" for "æ") is repaired where the repair round-trips.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from kg.errors import InputError

#: Byte-order marks and the codec each one names; UTF-32 first, its marks begin like UTF-16's.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

BINARY_HINT = "give a PDF, text or HTML file; this one looks like a program or an image"

#: Share of control characters above which content counts as binary.
BINARY_CONTROL_SHARE = 0.1

#: Control characters other than tab, line feed, carriage return, form feed and DOS end-of-file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f-\x9f]")
_SINGLE_BYTE = ("cp1252", "latin-1")
_LATIN1_NAMES = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252"})


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, the codec that decoded it, and whether mojibake was repaired."""

    text: str
    encoding: str
    repaired: bool = False


def decode(data: bytes, path: Path | str, *, declared: str | None = None) -> Decoded:
    """The text of ``data``, or InputError for binary, empty or undecodable content.

    ``declared`` is an encoding the document names itself (an HTML ``<meta charset>``);
    it is used only when there is no byte-order mark and the bytes are not UTF-8.

    >>> decode("Mødet".encode("cp1252"), "referat.txt")
    Decoded(text='Mødet', encoding='cp1252', repaired=False)
    """
    text, encoding = _decode_raw(data, path, declared)
    _check_content(text, path)
    fixed = repair_mojibake(text)
    return Decoded(fixed, encoding, repaired=fixed != text)


def _decode_raw(data: bytes, path: Path | str, declared: str | None) -> tuple[str, str]:
    """The text and codec name, before any content checks."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            body = data if codec == "utf-8-sig" else data[len(bom) :]
            return _strict(body, codec, path), codec
    if not data.strip():
        raise InputError(path, "empty file", hint="the file has no text; check the export")
    if b"\x00" in data:
        return _utf16_without_bom(data, path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _single_byte(data, declared)


def _single_byte(data: bytes, declared: str | None) -> tuple[str, str]:
    """Bytes that are not UTF-8 decoded with the declared codec, else cp1252 or latin-1."""
    for codec in (_usable_codec(declared), "cp1252"):
        if codec is None:
            continue
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _strict(data: bytes, codec: str, path: Path | str) -> str:
    """``data`` decoded strictly, or InputError naming the line of the first bad byte."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        line = data[: err.start].decode(codec, errors="replace").count("\n") + 1
        raise InputError(
            path,
            f"not valid {codec} at byte {err.start}",
            line=line,
            hint="re-save the file as UTF-8",
        ) from err


def _utf16_without_bom(data: bytes, path: Path | str) -> tuple[str, str]:
    """Bytes with NULs as UTF-16 text, if the NULs sit where UTF-16 puts them; else binary."""
    even, odd = data[0::2], data[1::2]
    codec = None
    if len(data) % 2 == 0 and len(data) >= 4:
        if odd.count(0) >= 0.3 * len(odd) and 0 not in even:
            codec = "utf-16-le"
        elif even.count(0) >= 0.3 * len(even) and 0 not in odd:
            codec = "utf-16-be"
    if codec is not None:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    raise InputError(path, "binary file, not text", hint=BINARY_HINT)


def _usable_codec(declared: str | None) -> str | None:
    """The codec a document declares, if Python knows it and it is not a latin-1 alias.

    A declared latin-1 is read as cp1252, as browsers do; cp1252 is tried anyway.
    """
    if not declared:
        return None
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    return None if name in _LATIN1_NAMES or name.startswith("utf-8") else name


def _check_content(text: str, path: Path | str) -> None:
    """InputError when decoded text is empty, whitespace only, or mostly control characters."""
    if not text.replace("\ufeff", "").replace("\u200b", "").strip():
        raise InputError(path, "empty file", hint="the file has no text; check the export")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > BINARY_CONTROL_SHARE * len(text):
        raise InputError(path, "binary file, not text", hint=BINARY_HINT)


def _mojibake_tables() -> tuple[MappingProxyType[str, int], str]:
    """Each character a UTF-8 byte becomes when read as cp1252 or latin-1, and a class of
    the continuation-byte characters (0x80-0xBF) for a regex."""
    to_byte: dict[str, int] = {}
    for value in range(0x80, 0x100):
        byte = bytes([value])
        for codec in _SINGLE_BYTE:
            try:
                to_byte.setdefault(byte.decode(codec), value)
            except UnicodeDecodeError:
                continue
    continuation = "".join(re.escape(c) for c, b in to_byte.items() if b < 0xC0)
    return MappingProxyType(to_byte), continuation


_TO_BYTE, _CONT = _mojibake_tables()
_MOJIBAKE = re.compile(
    rf"[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|[\u00f0-\u00f4][{_CONT}]{{3}}"
)
#: Leading characters that show a text holds mojibake: Ã Â (Latin-1 range) and â (â€ quotes).
_EVIDENCE = re.compile(rf"[ÃÂ][{_CONT}]|â€")
#: "â€" left when the third byte of ” (0x9D, undefined in cp1252) was lost on the way.
_LOST_QUOTE = re.compile(r"â€(?:\ufffd|(?=[\s.,;:!?)]|$))")


def repair_mojibake(text: str) -> str:
    """``text`` with UTF-8 that was read as cp1252 or latin-1 turned back into what it was.

    Only sequences that decode as UTF-8 are replaced, and only when the text shows
    mojibake at all (an "Ã", "Â" or "â€" sequence), so clean text is returned unchanged.

    >>> repair_mojibake("KÃ¸benhavn â€“ Ã…rhus")
    'København – Århus'
    """
    for _ in range(3):  # text encoded twice or three times over
        if not _EVIDENCE.search(text):
            break
        fixed = _LOST_QUOTE.sub("\u201d", _MOJIBAKE.sub(_unmangle, text))
        if fixed == text:
            break
        text = fixed
    return text


def _unmangle(match: re.Match[str]) -> str:
    """One mojibake sequence as the character it was, or unchanged if that does not decode."""
    raw = bytes(_TO_BYTE[char] for char in match[0])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match[0]
