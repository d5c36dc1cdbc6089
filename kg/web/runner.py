"""SPARQL queries run in worker processes, so that a slow one can be stopped.

A query runs in one of a few worker processes, each holding the store open read-only
(a remote store: each sends its queries to the store, with the time limit as the store's
own timeout, so the store stops too).
The caller waits at most the time limit; past it the worker is killed (the query stops,
it is not merely abandoned) and a fresh one takes its place. Workers write the results
themselves, in the asked format, and give up past the result limit.
"""

from __future__ import annotations

import asyncio
import io
import multiprocessing
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import KgError
from kg.store import QueryStore, StoreAddress, open_store
from kg.vocab import PREFIXES
from kg.web.media import Media

if TYPE_CHECKING:
    from kg.web.settings import ServeSettings

#: Seconds a new worker may take to start and open the store (not part of the time limit).
STARTUP_TIMEOUT = 60.0


class RunnerError(KgError):
    """A query that could not be answered; ``status`` is the HTTP status it maps to."""

    status = 500


class QuerySyntaxError(RunnerError):
    status = 400


class TooManyResults(RunnerError):
    status = 422


class QueryTimeout(RunnerError):
    status = 503


class QueryBusy(RunnerError):
    status = 503


@dataclass(frozen=True)
class Job:
    """One query as a worker runs it.

    ``default_graphs``/``named_graphs`` (the protocol's dataset) replace the query's FROM
    and FROM NAMED when not None; ``union`` reads the union of all graphs as the default
    graph. ``probe``, when given, is parsed first and must parse: it is the query with
    every SERVICE keyword the endpoint did not approve neutralised (see `kg.web.sparql`).
    """

    query: str
    media: str
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    union: bool = True
    probe: str | None = None


# The worker side: runs in a spawned process; replies are (kind, payload) tuples.


def _serve(address: StoreAddress, timeout: float, max_results: int, conn: Connection) -> None:
    try:
        store = open_store(address, read_only=True, timeout=timeout).raw
    except KgError as exc:
        conn.send(("failed", f"cannot open the store at {address}: {exc}"))
        return
    conn.send(("ready", b""))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        conn.send(_answer(store, job, max_results))


def _answer(store: QueryStore, job: Job, max_results: int) -> tuple[str, bytes | str]:
    media = Media(job.media)
    try:
        if job.probe is not None:
            ox.Store().query(job.probe)  # an empty store: this only parses the probe
        results = store.query(
            job.query,
            use_default_graph_as_union=job.union,
            default_graph=None
            if job.default_graphs is None
            else [ox.NamedNode(g) for g in job.default_graphs],
            named_graphs=None
            if job.named_graphs is None
            else [ox.NamedNode(g) for g in job.named_graphs],
        )
        if isinstance(results, ox.QueryTriples) and media.rdf_format is not None:
            triples: dict[ox.Triple, None] = {}  # a set that keeps the order
            for triple in results:
                triples[triple] = None
                if len(triples) > max_results:
                    return "too-many", ""
            body = ox.serialize(list(triples), format=media.rdf_format, prefixes=PREFIXES)
            return "ok", body or b""
        if isinstance(results, ox.QueryBoolean) and media.results_format is not None:
            return "ok", results.serialize(format=media.results_format) or b""
        if isinstance(results, ox.QuerySolutions) and media.results_format is not None:
            return _solutions(results, media.results_format, max_results)
        return "failed", f"the query's results cannot be written as {media.value}"
    except SyntaxError as exc:
        return "syntax", str(exc)
    except (OSError, ValueError, RuntimeError) as exc:
        return "failed", str(exc)


class _TooMany(Exception):
    """More rows than the result limit."""


class _Rows(io.BytesIO):
    """A buffer that solutions are written to as TSV (one line per row, after a line of
    the variables' names), which stops the writing past ``limit`` rows."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.lines = 0
        self.most = limit + 1

    def write(self, data: Any) -> int:
        self.lines += bytes(data).count(b"\n")
        if self.lines > self.most:
            raise _TooMany
        return super().write(data)


def _solutions(
    results: ox.QuerySolutions, fmt: ox.QueryResultsFormat, max_results: int
) -> tuple[str, bytes | str]:
    """Write the rows as TSV, stopping past the limit, then (for another format) read the
    TSV back and write that: solutions once read cannot be written again, and TSV keeps
    every term as it is. Both steps run in the store's own code: no row becomes Python
    objects."""
    rows = _Rows(max_results)
    try:
        results.serialize(rows, format=ox.QueryResultsFormat.TSV)
    except _TooMany:
        return "too-many", ""
    table = rows.getvalue()
    if fmt == ox.QueryResultsFormat.TSV:
        return "ok", table
    parsed = ox.parse_query_results(table, format=ox.QueryResultsFormat.TSV)
    return "ok", parsed.serialize(format=fmt) or b""


# The server side.


class _Worker:
    def __init__(
        self, context: SpawnContext, address: StoreAddress, timeout: float, cap: int
    ) -> None:
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=_serve, args=(address, timeout, cap, child), name="kg-sparql", daemon=True
        )
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self) -> None:
        if self.ready:
            return
        if not self.conn.poll(STARTUP_TIMEOUT):
            raise RunnerError(f"the query worker did not start in {STARTUP_TIMEOUT:g} s")
        kind, payload = self.conn.recv()
        if kind != "ready":
            raise RunnerError(str(payload))
        self.ready = True

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryRunner:
    """Runs queries on the store at ``store`` (a folder or an address) in at most
    ``workers`` processes at once."""

    def __init__(
        self, store: Path | StoreAddress, *, timeout: float, max_results: int, workers: int
    ) -> None:
        self.address = StoreAddress.of(store)
        self.timeout = timeout
        self.max_results = max_results
        self.workers = max(1, workers)
        self._context = multiprocessing.get_context("spawn")
        # one thread per worker: a query waits for a free one in the executor's queue
        self._threads = ThreadPoolExecutor(self.workers, thread_name_prefix="kg-sparql")
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()
        self._closed = False

    @classmethod
    def from_settings(cls, settings: ServeSettings) -> QueryRunner:
        return cls(
            settings.store,
            timeout=settings.query_timeout,
            max_results=settings.max_results,
            workers=settings.query_workers,
        )

    async def run(self, job: Job) -> bytes:
        """The results of ``job``, serialised; raises a `RunnerError` subclass."""
        if self._closed:
            raise QueryBusy("the server is shutting down")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, self.run_sync, job, time.monotonic())

    def run_sync(self, job: Job, queued_at: float | None = None) -> bytes:
        """`run` for a thread of its own (blocks up to twice the time limit: waiting for a
        free worker, then running)."""
        if queued_at is not None and time.monotonic() - queued_at > self.timeout:
            raise QueryBusy(
                f"every query worker was busy for {self.timeout:g} s",
                hint="try again in a moment",
            )
        worker = self._checkout()
        try:
            worker.wait_ready()
            worker.conn.send(job)
            if not worker.conn.poll(self.timeout):
                raise QueryTimeout(
                    f"the query ran longer than {self.timeout:g} s and was stopped",
                    hint="add a LIMIT, or make the patterns more selective",
                )
            kind, payload = worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._discard(worker)
            raise RunnerError(f"the query worker stopped: {exc or 'no answer'}") from exc
        except BaseException:
            self._discard(worker)
            raise
        self._checkin(worker)
        if kind == "ok":
            assert isinstance(payload, bytes)
            return payload
        if kind == "syntax":
            raise QuerySyntaxError(f"the query does not parse: {payload}")
        if kind == "too-many":
            raise TooManyResults(
                f"the query has more than {self.max_results} results",
                hint=f"add LIMIT {self.max_results} (or less), and OFFSET to page",
            )
        raise RunnerError(f"the query failed: {payload}")

    def start(self) -> None:
        """Start every worker now and wait until each is ready (else they start on use)."""
        with self._lock:
            started = [self._spawn() for _ in range(self.workers - len(self._all))]
        for worker in started:
            worker.wait_ready()
            self._checkin(worker)

    def close(self) -> None:
        """Stop every worker, running queries included."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
            self._idle.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.stop()

    def _checkout(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise QueryBusy("the server is shutting down")
            while self._idle:
                worker = self._idle.pop()
                if worker.process.is_alive():
                    return worker
                self._all.discard(worker)  # it died between queries
                worker.stop()
            return self._spawn()

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.address, self.timeout, self.max_results)
        self._all.add(worker)
        return worker

    def _checkin(self, worker: _Worker) -> None:
        with self._lock:
            if not self._closed:
                self._idle.append(worker)
                return
        worker.stop()

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()
