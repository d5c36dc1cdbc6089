"""The per-document work of a build: read, repair, parse (an agenda portal's JSON
directly), privacy gate and extract each document, in a pool of worker processes or in
the build's own process.

Results come back in the order of the tasks whatever the number of workers, so the build
that uses them is the same. Workers only read: the build's process alone writes the cache
and the store.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path

from kg.cache import DocumentCache
from kg.errors import InputError
from kg.extract import Mentions, extract
from kg.extract.concepts import Scheme, load_scheme
from kg.ingest import MediaKind, read_document
from kg.ingest.portal import read_portal
from kg.parse import MinutesDoc, parse
from kg.parse.meta import DocMeta, apply_meta, meta_for
from kg.parse.portal import parse_portal
from kg.privacy import Redaction, apply_privacy
from kg.settings import BuildSettings, RunSettings
from kg.workers import pool


@dataclass(frozen=True)
class Task:
    """One document to read: a source file (``path``), or, with no path, the document
    of that cache file name kept by an earlier build."""

    name: str
    path: Path | None = None


@dataclass(frozen=True)
class Read:
    """What reading one document gave: its mentions (with the parsed document) and what
    the privacy gate withheld, or why it could not be read (``mentions`` is None)."""

    task: Task
    mentions: Mentions | None
    redactions: tuple[Redaction, ...] = ()
    error: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """What reading needs, sent to the workers with each chunk of tasks."""

    settings: BuildSettings
    scheme_file: Path  # the concept scheme, loaded once per worker
    cache: Path
    digest: str
    #: Larger source files (bytes) are read with a warning (`RunSettings.large_document`).
    large_document: int | None = None
    #: What ``kg build --meta`` gives of documents, by file name (`kg.parse.meta`).
    meta: tuple[tuple[str, DocMeta], ...] = ()

    @cached_property
    def meta_table(self) -> dict[str, DocMeta]:
        """``meta`` as a mapping, made once (not for each document: 10,000 rows each)."""
        return dict(self.meta)


def read_one(context: Context, scheme: Scheme, task: Task) -> Read:
    """Read, parse, privacy-filter and extract one document (or load a kept one)."""
    if task.path is None:
        doc = DocumentCache(context.cache).load(task.name, context.digest)
        if doc is None:
            return Read(task, None)  # made with other settings or another version
        return Read(task, extract(doc, scheme))
    warnings = _size_warning(task.path, context.large_document)
    try:
        doc, redactions = apply_privacy(
            parse_file(task.path, task.name, context.settings, context.meta_table),
            context.settings,
        )
    except InputError as exc:
        return Read(task, None, error=str(exc))
    except Exception as exc:  # one document's fault must not stop a build
        return Read(task, None, error=fault(task.path, exc))
    return Read(task, extract(doc, scheme), redactions, warnings=warnings)


def fault(path: Path, exc: Exception) -> str:
    """What to say of a document the reader failed on by a fault of its own: the build goes
    on with the others, and the user can report it."""
    return (
        f"{path}: minutes-kg failed to read this document ({type(exc).__name__}: {exc}); "
        "the other documents are built. This is a fault in minutes-kg: please report it "
        "with the file, or give its fields in a FILE.meta.json"
    )


def _size_warning(path: Path, limit: int | None) -> tuple[str, ...]:
    """A warning when the file at ``path`` is larger than ``limit`` bytes: it is read all
    the same (in time proportional to its size), never refused."""
    try:
        size = path.stat().st_size
    except OSError:
        return ()  # reading says why
    if limit is None or size <= limit:
        return ()
    return (
        f"{path}: {size:,} bytes, more than the {limit:,} of RunSettings.large_document;"
        " read all the same, in time proportional to its size",
    )


def parse_file(
    path: Path,
    name: str,
    settings: BuildSettings,
    meta: Mapping[str, DocMeta] | None = None,
) -> MinutesDoc:
    """One source file parsed: an agenda portal's JSON straight to its document, any
    other file through its normalised text; then what its sidecar or ``meta`` (by file
    name) says of it in place of what the text says."""
    if MediaKind.from_extension(path) is MediaKind.JSON:
        doc = parse_portal(read_portal(path, name=name), settings)
    else:
        doc = parse(read_document(path, name=name), settings)
    given = meta_for(path, name, meta or {})
    return apply_meta(doc, given[0], given[1], settings.timezone) if given else doc


def read_all(
    tasks: Sequence[Task],
    context: Context,
    run: RunSettings,
    done: Callable[[int], None] | None = None,
) -> Iterator[Read]:
    """Each task's result, in the order of ``tasks``, as they come; ``done`` is told how
    many are done. Uses ``run.jobs`` worker processes when there is more than one chunk
    of work for them."""
    if run.jobs == 1 or len(tasks) <= run.chunksize:
        work = partial(read_one, context, load_scheme(context.scheme_file))
        yield from _counted(map(work, tasks), done)
        return
    workers = pool(min(run.jobs, -(-len(tasks) // run.chunksize)), _start_worker, context)
    try:
        chunks = workers.map(_in_worker, tasks, chunksize=run.chunksize)
        yield from _counted(chunks, done)
    finally:
        workers.shutdown(wait=True, cancel_futures=True)


def _counted(results: Iterator[Read], done: Callable[[int], None] | None) -> Iterator[Read]:
    for count, result in enumerate(results, start=1):
        if done:
            done(count)
        yield result


#: A worker process's context and concept scheme, set when it starts: the context (with
#: its --meta table) is sent once, not with each chunk of tasks, and a scheme does not
#: pickle. A worker serves one pool, so one `read_all`.
_WORKER: list[tuple[Context, Scheme]] = []


def _in_worker(task: Task) -> Read:
    context, scheme = _WORKER[0]
    return read_one(context, scheme, task)


def _start_worker(context: Context) -> None:
    """In a new worker: keep the context and load the scheme; then leave what the worker
    holds so far (modules, scheme) out of the garbage collector's later passes, which
    went over all of it again and again (half the collector's time)."""
    _WORKER[:] = [(context, load_scheme(context.scheme_file))]
    gc.collect()  # the scheme's parsed graph first, which is garbage now
    gc.freeze()
