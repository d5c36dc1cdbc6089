"""A real-text corpus of any size: the 60 shared portal meetings, repeated with changed ids.

    python benchmarks/portal_corpus.py OUT [--meetings 10000] [--source DIR]

Each copy of a meeting gets new identifiers (every UUID in the file, mapped alike within a
copy), dates moved on by 184 days a copy (the 60 meetings span January to June 2022, so
no two copies of one committee meet on the same day) and case numbers moved on, so that
a build sees as many distinct meetings, items and cases as files; names of people and
committees stay, as over a municipality's years. The texts are the portal's own.
For the growth benchmark (benchmarks/growth.py) beside the synthetic corpora; needs
../shared/corpus/portal-json beside the checkout, or --source.
"""

from __future__ import annotations

import argparse
import json
import re
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "corpus" / "portal-json"
#: How far each copy moves a meeting's dates.
STEP = timedelta(days=184)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2}|Z)?$")
_CASE = re.compile(r"^(\d{2})-(\d{6})$")
_NIL = "00000000-0000-0000-0000-000000000000"


def _changed(value: Any, copy: int) -> Any:
    """``value`` with its ids, dates and case numbers as copy number ``copy`` has them."""
    if isinstance(value, dict):
        return {key: _changed(item, copy) for key, item in value.items()}
    if isinstance(value, list):
        return [_changed(item, copy) for item in value]
    if not isinstance(value, str) or copy == 0:
        return value
    if _UUID.match(value) and value != _NIL:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"copy-{copy}/{value.lower()}"))
    if _DATETIME.match(value):
        moved = datetime.fromisoformat(value.replace("Z", "+00:00")) + copy * STEP
        return moved.isoformat()
    if case := _CASE.match(value):
        return f"{case[1]}-{(int(case[2]) + copy * 7919) % 1_000_000:06d}"
    return value


def meetings(source: Path, count: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """(file name, meeting) for ``count`` meetings: the files of ``source`` in name order,
    then their copies."""
    files = sorted(source.glob("*.json"))
    if not files:
        raise SystemExit(f"no portal meetings (*.json) in {source}")
    originals = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    for n in range(count):
        copy, index = divmod(n, len(files))
        meeting = _changed(originals[index], copy)
        prefix, _, _ = files[index].stem.rpartition("_")
        committee = prefix.rpartition("_")[0]
        day = str((meeting.get("Moede") or {}).get("Dato") or "")[:10] or f"copy{copy}"
        yield f"{committee}_{day}_{str(meeting.get('Id', n))[:8]}.json", meeting


def write(out: Path, count: int, source: Path = SOURCE) -> list[Path]:
    """Write ``count`` meetings into ``out``; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, meeting in meetings(source, count):
        path = out / name
        path.write_text(json.dumps(meeting, ensure_ascii=False), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder to write the meetings into")
    parser.add_argument("--meetings", type=int, default=10_000, help="how many (10000)")
    parser.add_argument("--source", type=Path, default=SOURCE, help="the portal meetings")
    args = parser.parse_args()
    written = write(args.out, args.meetings, args.source)
    print(f"wrote {len(written)} meetings into {args.out}")


if __name__ == "__main__":
    main()
