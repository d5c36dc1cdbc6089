"""The harvest's manifest (``manifest.csv`` in the output folder): one row per saved
meeting, with what a later harvest needs to ask only for what changed.

Also here: writing a file whole or not at all (a temporary file, then a rename).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

MANIFEST = "manifest.csv"
#: The committee list as last served (hidden: `kg build` skips it).
COMMITTEE_LIST_COPY = ".udvalgsliste.json"


@dataclass(frozen=True)
class Row:
    """A saved meeting: its id, committee, date, where it was fetched, when (UTC), the
    SHA-256 of the file, the validators the portal sent, and the file's name."""

    meeting_id: str
    committee: str
    date: str
    url: str
    fetched_at: str
    sha256: str
    etag: str
    last_modified: str
    file: str


COLUMNS = tuple(f.name for f in fields(Row))


def load(folder: Path) -> dict[str, Row]:
    """The manifest's rows by meeting id (none when there is no manifest)."""
    path = folder / MANIFEST
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8") as file:
        rows = [r for r in csv.DictReader(file) if set(COLUMNS) <= set(r)]
    return {r["meeting_id"]: Row(**{c: r[c] or "" for c in COLUMNS}) for r in rows}


def save(folder: Path, rows: dict[str, Row]) -> None:
    """Write the manifest whole, sorted by date, committee and meeting id."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in sorted(rows.values(), key=lambda r: (r.date, r.committee, r.meeting_id)):
        writer.writerow(asdict(row))
    write_atomically(folder / MANIFEST, buffer.getvalue().encode("utf-8"))


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a hidden temporary file beside it
    (which `kg build` skips), flushed to disk, then renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
