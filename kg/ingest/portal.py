"""Reading an agenda portal's meeting file: the JSON a municipality's agenda portal serves
for one meeting at ``/api/agenda/dagsorden/{meeting id}``, kept as it was served.

A file is recognised by its content, not its name: a JSON object with the meeting
(``Moede``), its committee (``Udvalg``) and its items (``Dagsordenpunkter``). Any other
JSON file is refused with a message that names it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError

#: The keys every portal meeting has, with the JSON type each holds.
MEETING_KEYS: Mapping[str, type] = {"Moede": dict, "Udvalg": dict, "Dagsordenpunkter": list}


@dataclass(frozen=True)
class PortalFile:
    """One portal meeting as read: the file's name in its corpus, path, SHA-256 of its
    bytes, and the decoded JSON object."""

    name: str
    path: str
    sha256: str
    data: Mapping[str, Any]


def is_portal_meeting(data: object) -> bool:
    """Whether decoded JSON is an agenda portal's meeting.

    >>> is_portal_meeting({"Moede": {}, "Udvalg": {}, "Dagsordenpunkter": []})
    True
    >>> is_portal_meeting({"name": "minutes-kg", "version": "1"})
    False
    """
    return isinstance(data, dict) and all(
        isinstance(data.get(key), kind) for key, kind in MEETING_KEYS.items()
    )


def read_portal(path: Path, *, name: str | None = None) -> PortalFile:
    """The portal meeting in the JSON file at ``path``; InputError naming the file when
    it cannot be read, is not JSON (a truncated download), or is JSON of another kind."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise InputError(path, "no such file") from err
    except OSError as err:
        raise InputError(path, f"could not be read ({err.strerror or err})") from err
    try:
        decoded = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise InputError(path, "not UTF-8 text, so not an agenda portal's JSON") from err
    except json.JSONDecodeError as err:
        raise InputError(
            path,
            f"not valid JSON ({err.msg})",
            line=err.lineno,
            hint="a truncated download? fetch the meeting again with kg harvest",
        ) from err
    if not is_portal_meeting(decoded):
        fields = decoded if isinstance(decoded, dict) else {}
        missing = ", ".join(
            k for k, kind in MEETING_KEYS.items() if not isinstance(fields.get(k), kind)
        )
        raise InputError(
            path,
            f"a JSON file but no agenda portal meeting (it lacks {missing})",
            hint="kg build reads the JSON of /api/agenda/dagsorden/{meeting id}; "
            "move other JSON files out of the folder",
        )
    return PortalFile(
        name=name if name is not None else path.name,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        data=decoded,
    )
