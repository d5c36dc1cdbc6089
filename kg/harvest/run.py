"""A harvest: the committee list of an agenda portal, then each chosen meeting's JSON,
saved exactly as served, one file per meeting, with a manifest.

Resumable: a meeting saved before is asked for conditionally (ETag, Last-Modified) and
written again only when its bytes changed; a harvest that was stopped goes on where it
stopped. A meeting that cannot be fetched is reported and leaves no file behind.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx

from kg.errors import HarvestError, UsageError
from kg.harvest import manifest
from kg.harvest.client import Fetched, FetchFailed, PortalClient
from kg.harvest.model import (
    COMMITTEE_LIST,
    MEETING,
    HarvestReport,
    HarvestSettings,
    Listed,
    Outcome,
    Status,
)
from kg.ingest.portal import is_portal_meeting
from kg.iri import slugify

#: Told after each meeting: how many are done, of how many, and the one just done.
Progress = Callable[[int, int, Listed], None]


def harvest(
    settings: HarvestSettings,
    *,
    progress: Progress | None = None,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] | None = None,
) -> HarvestReport:
    """Fetch the meetings ``settings`` chooses into ``settings.out``; HarvestError when
    the committee list cannot be had, UsageError for a committee the portal lacks."""
    out = settings.out
    out.mkdir(parents=True, exist_ok=True)
    rows = manifest.load(out)
    report = HarvestReport()
    with PortalClient(settings, transport=transport, sleep=sleep or time.sleep) as client:
        try:
            listing = _committee_list(client, out)
            meetings = choose(listing, settings)
            for done, meeting in enumerate(meetings, start=1):
                report.outcomes.append(_one(client, settings, meeting, rows))
                if progress:
                    progress(done, len(meetings), meeting)
        finally:
            report.requests, report.retries = client.requests, client.retries
            manifest.save(out, rows)
    return report


def _committee_list(client: PortalClient, out: Path) -> Mapping[str, Any]:
    """The committee list, asked for conditionally against the copy kept in ``out``."""
    copy = out / manifest.COMMITTEE_LIST_COPY
    validators = out / f"{manifest.COMMITTEE_LIST_COPY}.validators"
    etag, modified = "", ""
    if copy.exists() and validators.exists():
        etag, _, modified = validators.read_text(encoding="utf-8").partition("\n")
    try:
        fetched = client.get(COMMITTEE_LIST, etag=etag, last_modified=modified, check=_check_list)
    except FetchFailed as exc:
        raise HarvestError(
            f"{client.settings.portal}{COMMITTEE_LIST}: the committee list could not be "
            f"fetched: {exc}",
            hint="check the portal address; try again later",
        ) from exc
    if fetched.status == 200:
        manifest.write_atomically(copy, fetched.body)
        text = f"{fetched.etag}\n{fetched.last_modified}".encode()
        manifest.write_atomically(validators, text)
    loaded: Mapping[str, Any] = json.loads(copy.read_bytes().decode("utf-8-sig"))
    return loaded


def _check_list(body: bytes) -> str | None:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return f"the committee list is no whole JSON ({exc})"
    if not isinstance(data, dict) or not isinstance(data.get("Udvalg"), dict):
        return "the answer is no committee list (no Udvalg object)"
    return None


def _check_meeting(body: bytes) -> str | None:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return f"no whole JSON, a truncated download? ({exc})"
    return None if is_portal_meeting(data) else "JSON, but no agenda portal meeting"


def committees(listing: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Each committee of the list once (a committee may stand in several groups)."""
    seen: set[str] = set()
    for group in (listing.get("Udvalg") or {}).values():
        for committee in group or []:
            key = str(committee.get("Id") or committee.get("Navn"))
            if isinstance(committee, dict) and key not in seen:
                seen.add(key)
                yield committee


def _name(committee: Mapping[str, Any]) -> str:
    return " ".join(str(committee.get("Navn") or "").split()).lstrip(". ")


def choose(listing: Mapping[str, Any], settings: HarvestSettings) -> list[Listed]:
    """The meetings of the chosen committees within the dates, by date, committee, id."""
    wanted = {slugify(name): name for name in settings.committees}
    found: list[Listed] = []
    matched: set[str] = set()
    for committee in committees(listing):
        name = _name(committee)
        keys = {slugify(name), slugify(str(committee.get("Id") or ""))}
        if wanted and not keys & set(wanted):
            continue
        matched |= keys & set(wanted)
        for meeting in committee.get("Moeder") or []:
            meeting_id = str(meeting.get("Id") or "").strip()
            day = _day(str(meeting.get("Dato") or ""))
            if meeting_id and _within(day, settings.since, settings.until):
                found.append(Listed(meeting_id, name, day))
    unknown = [given for key, given in wanted.items() if key not in matched]
    if unknown:
        names = ", ".join(sorted({_name(c) for c in committees(listing)}))
        raise UsageError(
            f"the portal has no committee {', '.join(map(repr, unknown))}",
            hint=f"its committees: {names}",
        )
    unique = {m.id: m for m in found}
    return sorted(unique.values(), key=lambda m: (m.day or date.min, m.committee, m.id))


def _day(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None


def _within(day: date | None, since: date | None, until: date | None) -> bool:
    if day is None:
        return since is None and until is None
    return (since is None or day >= since) and (until is None or day <= until)


def _one(
    client: PortalClient, settings: HarvestSettings, meeting: Listed, rows: dict[str, manifest.Row]
) -> Outcome:
    """Fetch one meeting unless the saved copy is current; note it in ``rows``."""
    path = settings.out / meeting.file_name
    saved = _saved(rows.get(meeting.id), path)
    url = f"{settings.portal}{MEETING.format(id=meeting.id)}"
    try:
        fetched = client.get(
            MEETING.format(id=meeting.id),
            etag=saved.etag if saved else "",
            last_modified=saved.last_modified if saved else "",
            check=_check_meeting,
        )
    except FetchFailed as exc:
        return Outcome(meeting, Status.FAILED, f"{url}: {exc}")
    if fetched.status == 304 and saved is not None:
        return Outcome(meeting, Status.UNCHANGED)
    digest = hashlib.sha256(fetched.body).hexdigest()
    row = _row(meeting, url, fetched, digest)
    if saved is not None and saved.sha256 == digest:  # served again, the same bytes
        rows[meeting.id] = replace(row, fetched_at=saved.fetched_at or row.fetched_at)
        return Outcome(meeting, Status.UNCHANGED)
    manifest.write_atomically(path, fetched.body)
    rows[meeting.id] = row
    return Outcome(meeting, Status.FETCHED)


def _saved(row: manifest.Row | None, path: Path) -> manifest.Row | None:
    """The manifest's row of a meeting whose file is there as fetched; for a file
    without a row (a lost manifest), a row with its checksum and no validators."""
    if not path.exists():
        return None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if row is not None and row.sha256 == digest:
        return row
    return manifest.Row("", "", "", "", "", digest, "", "", path.name)


def _row(meeting: Listed, url: str, fetched: Fetched, digest: str) -> manifest.Row:
    return manifest.Row(
        meeting_id=meeting.id,
        committee=meeting.committee,
        date=meeting.day.isoformat() if meeting.day else "",
        url=url,
        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sha256=digest,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        file=meeting.file_name,
    )


__all__ = ["Progress", "choose", "committees", "harvest"]
