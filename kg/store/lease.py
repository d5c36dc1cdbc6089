"""Who may use a store folder at once: one process that writes, or any number of servers,
never both.

A server answers from the store as it was when it opened it (read-only), and each of its
query workers opens it again; a build that wrote meanwhile would make pages stale and one
query answer differently by the worker that takes it. So `kg serve` holds a shared lease
on the folder for its life and anything that writes (build, load, ...) an exclusive one,
both taken without waiting: whichever comes second is refused with a message that says
who holds the store. The lease is an advisory lock (``flock``) on ``kg.lock`` in the
folder; the operating system drops it when the process ends, however it ends. Where there
is no ``flock`` (Windows) the lease is not enforced.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from kg.errors import StoreError

#: The file in a store folder whose lock is the lease.
LEASE_FILE = "kg.lock"

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class Lease:
    """A held lease; `release` (or the end of the process) gives it back."""

    def __init__(self, handle: IO[bytes] | None) -> None:
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file drops its lock
            self._handle = None


def _try(folder: Path, mode: int) -> IO[bytes] | None:
    """The lease file opened and locked in ``mode`` without waiting; None when another
    process holds a lock that excludes it. A folder where the file cannot be made (read
    only: nobody writes there) gives an unlocked handle on nothing."""
    path = folder / LEASE_FILE
    try:
        handle: IO[bytes] = path.open("a+b")
    except OSError:
        try:
            handle = path.open("rb")  # a lock needs no write access
        except OSError:
            return Path(os.devnull).open("rb")  # nothing to lock: not enforced
    try:
        fcntl.flock(handle.fileno(), mode | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    except OSError:  # a file system without locks: not enforced
        return handle
    return handle


def serving(folder: Path) -> Lease:
    """The shared lease of a server on the store in ``folder``; `StoreError` while a
    build or another writing command holds the store."""
    if fcntl is None:  # pragma: no cover - Windows
        return Lease(None)
    handle = _try(folder, fcntl.LOCK_SH)
    if handle is None:
        raise StoreError(
            f"a build (or another kg command that writes) is writing to the store at {folder}",
            hint="start kg serve when it has finished",
        )
    return Lease(handle)


def writing(folder: Path) -> Lease:
    """The exclusive lease of a command that writes to the store in ``folder``;
    `StoreError` while a server serves it (or another command writes to it)."""
    if fcntl is None:  # pragma: no cover - Windows
        return Lease(None)
    folder.mkdir(parents=True, exist_ok=True)
    handle = _try(folder, fcntl.LOCK_EX)
    if handle is not None:
        return Lease(handle)
    shared = _try(folder, fcntl.LOCK_SH)
    if shared is None:
        raise StoreError(
            f"another kg command is writing to the store at {folder}",
            hint="one process at a time may write to a store; wait until it has finished",
        )
    shared.close()
    raise StoreError(
        f"kg serve is serving the store at {folder}; writing to it now would change the "
        "data under the running server",
        hint="stop the server first, then build and serve again (or build into another "
        "--store folder and serve that)",
    )


def last_written(folder: Path) -> datetime | None:
    """When the database in ``folder`` was last written (its newest file); None when it
    has none."""
    times = [f.stat().st_mtime for f in (folder / "oxigraph").glob("*") if f.is_file()]
    return datetime.fromtimestamp(max(times), UTC) if times else None
