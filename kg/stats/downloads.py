"""The whole relation graphs as the web offers them for download (``/graphs/NAME.json``,
``.graphml``, ``.gexf``, ``.csv``: `DOWNLOADS`), written by the build with the statistics,
so that the server sends a file instead of reading and analysing a graph per request.

Where: the folder ``downloads`` in the store's work folder (the store folder, or a remote
store's work folder: `kg.store.address`), beside the search index. One file per graph and
format, named by the SHA-256 of its bytes (``who-works-on-what.<sha256>.json``) and
written under a temporary name, then renamed: a reader finds a whole file or none. They
are files rather than literals of the statistics graph because they are megabytes (tens
at 100,000 documents) that every reader of the statistics would otherwise load.

Why a download served is never stale: the statistics graph names the file of each graph
and format by its digest (`Statistics.downloads`), and is written in one transaction after
the files it names, from the same analysis of the store (`kg.stats.store.write`); files
it no longer names are removed after that transaction. The server sends a file only when
the statistics it read name it and the file holds those bytes (checked once per file and
server, and again if the file changes). A build or `kg load` marks the folder before it
writes the store and clears the mark when the statistics are current (`begin`, `finish`):
while the mark is there (a write under way, or one that was killed, so the store may hold
what the statistics do not) nothing is served from the folder, and the next build counts
the statistics again, whatever it changed. Anything not served is computed per request.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Collection, Mapping
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.graphs.export import write
from kg.graphs.model import DOWNLOADS, GraphFormat, GraphName

#: The folder of the downloads in a store's work folder.
FOLDER = "downloads"
#: The mark of a write under way (`Downloads.begin`).
MARK = "writing"

_log = logging.getLogger(__name__)


def key(name: str, fmt: GraphFormat) -> str:
    """How the statistics name the download of graph ``name`` as ``fmt``: its file name
    on the web (``who-works-on-what.json``)."""
    return f"{name}.{fmt.value}"


@dataclass(frozen=True)
class Kept:
    """A download kept by the build, checked: its file, the digest of its bytes, and the
    file's status when checked."""

    path: Path
    digest: str
    stat: os.stat_result

    @property
    def etag(self) -> str:
        """The entity tag of the bytes, as `kg.web.hardening` makes it for a body."""
        return f'"{self.digest[:32]}"'


class Downloads:
    """The downloads folder of one store."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._checked: dict[Path, tuple[int, int, int]] = {}

    @classmethod
    def beside(cls, work: Path) -> Downloads:
        """The downloads kept in a store's work folder."""
        return cls(work / FOLDER)

    def begin(self) -> bool:
        """Mark the folder: the store is about to change. Whether it was marked already
        (a write that did not finish: the statistics may not count what the store holds)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        mark = self.folder / MARK
        left = mark.exists()
        mark.touch()
        return left

    def finish(self) -> None:
        """Clear the mark of `begin`: the statistics count what the store holds."""
        (self.folder / MARK).unlink(missing_ok=True)

    @property
    def marked(self) -> bool:
        return (self.folder / MARK).exists()

    def path(self, download: str, digest: str) -> Path:
        """The file of ``download`` (a `key`) whose bytes have ``digest``."""
        stem, _, suffix = download.rpartition(".")
        return self.folder / f"{stem}.{digest}.{suffix}"

    def keep(self, name: GraphName, graph: nx.Graph) -> dict[str, str]:
        """Write ``graph`` (analysed) in every download format; the digest of each, by `key`."""
        self.folder.mkdir(parents=True, exist_ok=True)
        digests = {}
        for fmt in DOWNLOADS:
            data = write(graph, fmt)
            digest = hashlib.sha256(data).hexdigest()
            target = self.path(key(name, fmt), digest)
            partial = target.with_name(f".{target.name}.{os.getpid()}")
            partial.write_bytes(data)
            partial.replace(target)
            digests[key(name, fmt)] = digest
        return digests

    def prune(self, digests: Mapping[str, str]) -> None:
        """Remove every file but those of ``digests`` (and the mark)."""
        wanted = {self.path(k, d).name for k, d in digests.items()} | {MARK}
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.name not in wanted:
                    path.unlink(missing_ok=True)

    def complete(self, digests: Mapping[str, str], names: Collection[str]) -> bool:
        """Whether ``digests`` name a download of each graph of ``names`` in each format,
        and each file is here."""
        wanted = {key(name, fmt) for name in names for fmt in DOWNLOADS}
        return wanted <= set(digests) and all(self.path(k, digests[k]).is_file() for k in wanted)

    def find(self, digests: Mapping[str, str], name: str, fmt: GraphFormat) -> Kept | None:
        """The kept download of graph ``name`` as ``fmt`` when it may be served: named by
        ``digests`` (the statistics the server read), no write under way, and its file
        holding the bytes of that digest; else None (compute it)."""
        download = key(name, fmt)
        digest = digests.get(download)
        if digest is None or self.marked:
            return None
        path = self.path(download, digest)
        try:
            stat = path.stat()
        except OSError:
            return None
        seen = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        with self._lock:
            if self._checked.get(path) == seen:
                return Kept(path, digest, stat)
        if _digest(path) != digest:
            _log.warning("%s: not the bytes the statistics name; computed instead", path)
            return None
        with self._lock:
            self._checked[path] = seen
        return Kept(path, digest, stat)


class Writer:
    """Writes relation graphs' downloads into a `Downloads` folder as they are given: in
    this process, or, given a process pool (``executor``: the build's, in a large store),
    in a worker while the caller goes on (the formats' writers are pure Python: a thread
    would only take turns with it). `digests` waits for every download given so far."""

    def __init__(self, downloads: Downloads, executor: Executor | None = None) -> None:
        self.downloads = downloads
        self._executor = executor
        self._written: dict[str, str] = {}
        self._pending: list[Future[dict[str, str]]] = []

    def keep(self, name: GraphName, graph: nx.Graph) -> None:
        """Write ``graph`` (analysed) in every download format (`Downloads.keep`)."""
        if self._executor is None:
            self._written.update(self.downloads.keep(name, graph))
        else:
            future = self._executor.submit(_keep, self.downloads.folder, name, graph)
            self._pending.append(future)

    def digests(self) -> dict[str, str]:
        """The digest of each download written, by `key`, once every one given is written
        (a worker's failure is raised here)."""
        for future in self._pending:
            self._written.update(future.result())
        self._pending.clear()
        return dict(self._written)


def _keep(folder: Path, name: GraphName, graph: nx.Graph) -> dict[str, str]:
    """`Downloads.keep` in a worker process."""
    return Downloads(folder).keep(name, graph)


def _digest(path: Path) -> str:
    """The SHA-256 of a file's bytes; "" when it cannot be read."""
    found = hashlib.sha256()
    try:
        with path.open("rb") as data:
            while chunk := data.read(1 << 20):
                found.update(chunk)
    except OSError:
        return ""
    return found.hexdigest()
