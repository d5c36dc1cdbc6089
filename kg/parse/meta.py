"""What the user says of a document where its text does not: committee, date, start,
kind, municipality, place.

A sidecar beside the file (``referat.pdf.meta.json`` or ``referat.meta.json``, a JSON
object of those fields) or a row of ``kg build --meta FILE.csv`` (a ``file`` column and
any of those fields) wins over what the text says; ``kg build --municipality`` gives the
municipality of documents that name none. A value given so is cited as the metadata it
came from (``referat.pdf.meta.json#/committee``), never as a line of the document.

>>> meta = DocMeta.model_validate({"committee": "Økonomiudvalget", "date": "2020-03-31"})
>>> meta.date.isoformat(), meta.start is None
('2020-03-31', True)
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from kg.errors import InputError, UsageError
from kg.parse.dates import localise
from kg.parse.model import DocKind, Located, MinutesDoc, Span

#: The fields metadata may give.
FIELDS = ("committee", "date", "start", "kind", "municipality", "place")


class DocMeta(BaseModel):
    """The fields given for one document; None where not given."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    committee: str | None = None
    date: dt.date | None = None
    start: dt.time | None = None
    kind: DocKind | None = None
    municipality: str | None = None
    place: str | None = None


def sidecar_of(path: Path) -> Path | None:
    """The metadata sidecar of a source file, if there is one."""
    for candidate in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> DocMeta:
    """A sidecar's metadata; InputError naming the file, the line and the field."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not JSON: {exc.msg}", line=exc.lineno) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read it: {exc}") from exc
    try:
        return DocMeta.model_validate(data)
    except ValidationError as exc:
        raise InputError(path, _reason(exc), hint=f"its fields: {', '.join(FIELDS)}") from exc


def read_meta_table(path: Path) -> dict[str, DocMeta]:
    """``kg build --meta FILE.csv``: file name (as in its folder, or a path) to metadata;
    UsageError naming the row and the field of a value that cannot be read."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the metadata table ({exc})") from exc
    rows = csv.DictReader(text.splitlines())
    if rows.fieldnames is None or "file" not in rows.fieldnames:
        raise UsageError(
            f"{path}: the metadata table needs a 'file' column",
            hint=f"columns: file and any of {', '.join(FIELDS)}",
        )
    found: dict[str, DocMeta] = {}
    for number, row in enumerate(rows, start=2):
        values = {k: v for k, v in row.items() if k != "file" and k and v not in (None, "")}
        try:
            found[row["file"]] = DocMeta.model_validate(values)
        except ValidationError as exc:
            raise UsageError(f"{path}, line {number}: {_reason(exc)}") from exc
    return found


def _reason(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "value"
    return f"{where}: {first['msg']}"


def meta_for(path: Path, name: str, table: Mapping[str, DocMeta]) -> tuple[DocMeta, str] | None:
    """The metadata of one source file and where it was given: its sidecar, else its row
    of the table (by its name in its folder, its path, or its file name)."""
    sidecar = sidecar_of(path)
    if sidecar is not None:
        return read_sidecar(sidecar), sidecar.name
    for key in (name, str(path), path.name):
        if key in table:
            return table[key], f"{key} (--meta)"
    return None


def apply_meta(doc: MinutesDoc, meta: DocMeta, given_by: str, zone: str) -> MinutesDoc:
    """The document with the given fields in place of what its text says."""

    def cite(field: str, value: object) -> Located[object]:
        return Located(value, Span.at(f"{given_by}#/{field}"), f"{field} given by {given_by}")

    changes: dict[str, object] = {}
    if meta.committee is not None:
        changes["committee"] = cite("committee", meta.committee)
    if meta.municipality is not None:
        changes["municipality"] = cite("municipality", meta.municipality)
    if meta.place is not None:
        changes["place"] = cite("place", meta.place)
    if meta.kind is not None:
        changes["kind"] = meta.kind
    day = meta.date or (doc.day.value if doc.day else None)
    if meta.date is not None:
        changes["day"] = cite("date", meta.date)
        if doc.start is not None and doc.start.value.date() != meta.date and meta.start is None:
            changes["start"] = None  # the text's time belongs to another date
            changes["end"] = None
    if meta.start is not None and day is not None:
        changes["start"] = cite("start", localise(day, meta.start, zone))
    return replace(doc, **changes)  # type: ignore[arg-type]
