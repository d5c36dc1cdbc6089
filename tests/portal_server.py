"""A stand-in agenda portal on loopback for harvest tests: it serves recorded meetings
(the shared Greve files) and a committee list made from them, and misbehaves on purpose
where a test asks it to.

Faults, by meeting id, each a list consumed one request at a time (then it behaves):
``"500"``/``"503"`` (a server error), ``"429"`` (Too Many Requests, Retry-After: 1),
``"slow"`` (answers after ``SLOW`` seconds: a timeout), ``"truncated"`` (half the JSON,
with a Content-Length that matches it). A fault of ``"always-503"`` or
``"always-truncated"`` never stops.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SLOW = 1.5
LIST_PATH = "/api/agenda/udvalgsliste"
MEETING_PATH = "/api/agenda/dagsorden/"


@dataclass
class Portal:
    """What the server serves and what it saw."""

    meetings: dict[str, bytes]
    faults: dict[str, list[str]] = field(default_factory=dict)
    validators: bool = True
    #: (path, status) of every answer, and the User-Agent of every request.
    answers: list[tuple[str, int]] = field(default_factory=list)
    agents: set[str] = field(default_factory=set)
    modified: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""

    def committee_list(self) -> bytes:
        """The portal's committee list: each committee with its meetings' ids and dates."""
        committees: dict[str, dict[str, Any]] = {}
        for meeting_id, body in sorted(self.meetings.items()):
            data = json.loads(body)
            udvalg = data["Udvalg"]
            entry = committees.setdefault(
                udvalg["Id"], {"Navn": udvalg["Navn"], "Id": udvalg["Id"], "Moeder": []}
            )
            entry["Moeder"].append({"Id": meeting_id, "Dato": data["Moede"]["Dato"]})
        listing = {"Udvalg": {"Aktuelle politiske udvalg": list(committees.values())}}
        return json.dumps(listing, ensure_ascii=False).encode("utf-8")

    def change(self, meeting_id: str, body: bytes) -> None:
        """Serve another version of a meeting from now on."""
        with self.lock:
            self.meetings[meeting_id] = body
            self.modified[meeting_id] = time.time()

    def fetched(self, prefix: str = MEETING_PATH) -> Counter[int]:
        """How many answers of each status went to paths under ``prefix``."""
        return Counter(status for path, status in self.answers if path.startswith(prefix))


def recorded(files: list[Path]) -> dict[str, bytes]:
    """Recorded meetings by their id, as the files hold them."""
    return {json.loads(f.read_bytes())["Id"]: f.read_bytes() for f in files}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        portal = self.server.portal
        with portal.lock:
            portal.agents.add(self.headers.get("User-Agent", ""))
        if self.path == LIST_PATH:
            self._serve(self.path, portal.committee_list(), 0.0)
            return
        meeting_id = self.path.removeprefix(MEETING_PATH)
        if not self.path.startswith(MEETING_PATH) or meeting_id not in portal.meetings:
            self._answer(404, b"not found")
            return
        with portal.lock:
            faults = portal.faults.get(meeting_id, [])
            fault = faults[0] if faults else ""
            if fault and not fault.startswith("always-"):
                faults.pop(0)
            body = portal.meetings[meeting_id]
            modified = portal.modified.get(meeting_id, 1_650_000_000.0)
        kind = fault.removeprefix("always-")
        if kind in ("500", "503"):
            self._answer(int(kind), b"server error")
        elif kind == "429":
            self._answer(429, b"slow down", {"Retry-After": "1"})
        elif kind == "slow":
            time.sleep(SLOW)
            self._serve(self.path, body, modified)
        elif kind == "truncated":
            self._answer(200, body[: len(body) // 2], {"Content-Type": "application/json"})
        else:
            self._serve(self.path, body, modified)

    def _serve(self, path: str, body: bytes, modified: float) -> None:
        portal = self.server.portal
        if not portal.validators:
            self._answer(200, body, {"Content-Type": "application/json"})
            return
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "ETag": etag,
            "Last-Modified": formatdate(modified, usegmt=True),
        }
        if self.headers.get("If-None-Match") == etag:
            self._answer(304, b"", headers)
        else:
            self._answer(200, body, headers)

    def _answer(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        with self.server.portal.lock:
            self.server.portal.answers.append((self.path, status))
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and status != 304:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)  # unless the client gave up waiting (a timeout test)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    portal: Portal


@contextmanager
def serving(portal: Portal) -> Iterator[Portal]:
    """Serve ``portal`` on 127.0.0.1 at a free port (``portal.url``) while in the block."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.portal = portal
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    portal.url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield portal
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
