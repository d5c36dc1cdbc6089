"""The redaction report of a store (``redactions.csv``): file, page, line and kind of
each thing the privacy gate withheld, never the value."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from kg.privacy.gate import Redaction

REPORT_HEADER = ("file", "page", "line", "kind")


def write_report(
    path: Path, redactions: Iterable[Redaction], *, read: Iterable[str], kept: Iterable[str]
) -> list[tuple[str, int, int, str]]:
    """Write the redaction report of a store: the rows of ``redactions`` for the
    documents just ``read``, and the earlier rows of the other documents still ``kept``
    in the store; sorted, one row per redaction, replacing the file. Returns the rows."""
    read, kept = set(read), set(kept)
    rows = [r.row() for r in redactions if r.document in read]
    if path.exists():
        with path.open(newline="", encoding="utf-8") as file:
            for old in list(csv.reader(file))[1:]:
                if len(old) == 4 and old[0] in kept and old[0] not in read:
                    rows.append((old[0], int(old[1]), int(old[2]), old[3]))
    rows.sort()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(REPORT_HEADER)
        writer.writerows(rows)
    tmp.replace(path)
    return rows
