"""Reading one source document into :class:`Text`, and finding the documents of a corpus."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from pathlib import Path

from kg.errors import InputError, UnsupportedInput
from kg.ingest.encoding import decode
from kg.ingest.furniture import drop_page_furniture
from kg.ingest.html import declared_charset, html_lines
from kg.ingest.model import MediaKind, Text
from kg.ingest.pdf import pdf_lines
from kg.ingest.repair import RawLine, repair

#: What a PDF's :attr:`Text.encoding` says: its text layer is Unicode, not encoded bytes.
PDF_ENCODING = "pdf"

_NEWLINE = re.compile(r"\r\n|\r|\n")
_SUPPORTED = ", ".join(sorted({".pdf", ".txt", ".text", ".html", ".htm", ".json"}))


def read_document(path: Path, *, name: str | None = None) -> Text:
    """The normalised text of the PDF, text or HTML file at ``path``.

    ``name`` identifies the document in its corpus and defaults to the file name.
    ``Text.encoding`` is the codec that decoded a text or HTML file, and "pdf" for a PDF.
    Raises InputError for a missing, unsupported, empty, binary or unreadable file.
    """
    path = Path(path)
    kind = MediaKind.from_extension(path)
    if kind is None:
        raise _unsupported(path)
    if kind is MediaKind.JSON:
        raise InputError(path, "a JSON file has no lines", hint="read it with read_portal")
    data = _read_bytes(path)
    raw, encoding = _raw_lines(data, path, kind)
    return Text(
        name=name if name is not None else path.name,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        media=kind,
        encoding=encoding,
        lines=repair(raw),
    )


def _unsupported(path: Path, error: type[InputError] = InputError) -> InputError:
    """The error for a file whose extension ingest does not read."""
    kind = f"file type {path.suffix!r}" if path.suffix else "file without extension"
    return error(path, f"unsupported {kind}", hint=f"give a {_SUPPORTED} file")


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, or InputError saying why they could not be read."""
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder, not a file")
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError(path, f"could not be read ({err.strerror or err})") from err


def _raw_lines(data: bytes, path: Path, kind: MediaKind) -> tuple[list[RawLine], str]:
    """The raw lines of a file of the given kind, and the encoding recorded for it."""
    if kind is MediaKind.PDF:
        return drop_page_furniture(pdf_lines(data, path)), PDF_ENCODING
    if kind is MediaKind.HTML:
        decoded = decode(data, path, declared=declared_charset(data))
        return html_lines(decoded.text), decoded.encoding
    decoded = decode(data, path)
    return text_lines(decoded.text), decoded.encoding


def text_lines(text: str) -> list[RawLine]:
    """Plain text as raw lines, numbered from 1 as an editor numbers them (page 1).

    >>> [(line.text, line.line) for line in text_lines("Resumé\\r\\nTekst")]
    [('Resumé', 1), ('Tekst', 2)]
    """
    return [RawLine(line, 1, number) for number, line in enumerate(_NEWLINE.split(text), 1)]


def discover(paths: Sequence[Path], *, skipped: list[str] | None = None) -> list[tuple[Path, str]]:
    """The source documents under ``paths`` as (path, name) pairs, sorted by name.

    A folder is searched recursively for files whose extension ingest reads, skipping
    hidden files and folders, folders whose name starts with "_", and README files; a
    file's name is its path relative to the folder, with forward slashes. A file given
    directly is named by its file name. A file found twice is listed once. In a folder, a
    link that leads nowhere (broken, or a loop) is left out, with a line in ``skipped``.
    Raises InputError for a path that does not exist or two files with the same name,
    and UnsupportedInput (exit code 2) for a file given directly that ingest cannot read.
    """
    found: list[tuple[Path, str]] = []
    for given in map(Path, paths):
        if given.is_dir():
            found.extend(_folder(given, skipped if skipped is not None else []))
        elif given.exists():
            if MediaKind.from_extension(given) is None:
                raise _unsupported(given, UnsupportedInput)
            found.append((given, given.name))
        else:
            raise InputError(given, "no such file or folder")
    return sorted(_unique(found), key=lambda pair: pair[1])


def _folder(folder: Path, skipped: list[str]) -> list[tuple[Path, str]]:
    """The readable documents under ``folder``, named by their path relative to it; a
    link that leads to no file is noted in ``skipped`` instead."""
    found: list[tuple[Path, str]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        for file in files:
            path = Path(root, file)
            if not _wanted(path):
                continue
            if not path.is_file():  # a broken link or a link loop: is_file says False
                skipped.append(f"{path}: a link to no file (broken, or a loop); skipped")
                continue
            found.append((path, path.relative_to(folder).as_posix()))
    return found


def _wanted(path: Path) -> bool:
    """Whether a file found in a folder is a source document (not a hidden file, a README,
    a document's metadata sidecar, or a file whose name starts with "_", like a folder's:
    kg synth's _truth.json)."""
    hidden = path.name.startswith((".", "_"))
    readme = path.stem.casefold() == "readme"
    sidecar = path.name.casefold().endswith(".meta.json")  # a document's metadata (kg.parse.meta)
    return not hidden and not readme and not sidecar and MediaKind.from_extension(path) is not None


def _unique(found: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """``found`` without repeats of one file; InputError when two files share a name."""
    by_name: dict[str, Path] = {}
    files: set[Path] = set()
    unique: list[tuple[Path, str]] = []
    for path, name in found:
        if path.resolve() in files:
            continue
        seen = by_name.get(name)
        if seen is not None:
            raise InputError(
                path,
                f"another document has the same name {name!r}: {seen}",
                hint="rename one, or give the folders so that names differ",
            )
        by_name[name] = path
        files.add(path.resolve())
        unique.append((path, name))
    return unique
