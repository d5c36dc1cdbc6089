"""SPARQL queries run in worker processes, so that a slow one can be stopped.

A query runs in one of a few worker processes, each holding the store open read-only
(a remote store: each sends its queries to the store, with the time limit as the store's
own timeout, so the store stops too).
The caller waits at most the time limit; past it the worker is killed (the query stops,
it is not merely abandoned) and a fresh one takes its place. Each worker also has a memory
limit (its address space, set with `resource.setrlimit` in the worker): a query that needs
more makes the worker fail, the caller gets `QueryMemory` (507) and a fresh worker takes
its place. A query waits for a free worker at most the queue wait, and only so many wait:
past either, `QueryBusy` (503, with a ``retry_after``). A query nested too deeply for the
engine's parser is refused before it reaches a worker. Workers write the results
themselves, in the asked format, and give up past the result limit.
"""

from __future__ import annotations

import asyncio
import io
import math
import multiprocessing
import os
import signal
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

from kg.errors import KgError, QueryError
from kg.formats import Media
from kg.store import QueryStore, StoreAddress, open_store
from kg.store.sparql_text import check_nesting
from kg.vocab import PREFIXES

if TYPE_CHECKING:
    from kg.web.settings import ServeSettings

#: Seconds a new worker may take to start and open the store (not part of the time limit).
STARTUP_TIMEOUT = 60.0


class RunnerError(KgError):
    """A query that could not be answered; ``status`` is the HTTP status it maps to and
    ``headers`` what the answer adds."""

    status = 500

    @property
    def headers(self) -> dict[str, str]:
        return {}


class QuerySyntaxError(RunnerError):
    status = 400


class TooManyResults(RunnerError):
    status = 422


class QueryTimeout(RunnerError):
    status = 503


class QueryMemory(RunnerError):
    """The query needed more memory than a worker may take (507 Insufficient Storage: the
    server could not hold what answering needs; the same query will fail again)."""

    status = 507


class QueryBusy(RunnerError):
    """Every worker is busy: try again after ``retry_after`` seconds."""

    status = 503

    def __init__(self, message: str, *, hint: str | None = None, retry_after: int = 1) -> None:
        super().__init__(message, hint=hint)
        self.retry_after = retry_after

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


@dataclass(frozen=True)
class Job:
    """One query as a worker runs it.

    ``default_graphs``/``named_graphs`` (the protocol's dataset) replace the query's FROM
    and FROM NAMED when not None; otherwise a query without FROM reads the store's default
    graph, the union of all graphs as a set (`kg.store.union`). ``probe``, when given, is
    parsed first and must parse: it is the query with every SERVICE keyword the endpoint did
    not approve neutralised (see `kg.web.sparql`).
    """

    query: str
    media: str
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    probe: str | None = None
    #: The query's nesting was checked already (a named query's, when it was read).
    checked: bool = False


# The worker side: runs in a spawned process; replies are (kind, payload) tuples.


def _mapped_bytes() -> int:
    """The address space this process has mapped now (0 where the platform does not say)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _limit_memory(megabytes: int) -> None:
    """Cap this process's address space at what it has mapped now plus `megabytes` (0: no
    cap; not every platform has one). The cap counts from the open store, not from zero:
    the interpreter, the store's libraries and its threads' stacks map several hundred
    MiB before any query runs, more on some machines than others, and a cap that left
    them no room failed the store's own thread start ("Resource temporarily
    unavailable") rather than a query."""
    if megabytes <= 0:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    cap = _mapped_bytes() + (megabytes << 20)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _serve(
    address: StoreAddress, timeout: float, max_results: int, memory: int, conn: Connection
) -> None:
    # Ctrl-C reaches the whole process group: the server stops its workers itself (and a
    # worker whose server has gone sees its pipe close), so a worker ignores it rather
    # than print a KeyboardInterrupt traceback each
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ["RUST_BACKTRACE"] = "0"  # a failed allocation prints one line, not a trace
    try:
        store = open_store(address, read_only=True, timeout=timeout).raw
    except KgError as exc:
        conn.send(("failed", f"cannot open the store at {address}: {exc}"))
        return
    _limit_memory(memory)
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
    except MemoryError:
        return "memory", ""
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
        self, context: SpawnContext, address: StoreAddress, timeout: float, cap: int, memory: int
    ) -> None:
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=_serve,
            args=(address, timeout, cap, memory, child),
            name="kg-sparql",
            daemon=True,
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

    def ran_out_of_memory(self) -> bool:
        """Whether the worker ended as a process does whose allocation failed under its
        memory limit (the engine aborts; Python would have answered "memory")."""
        self.process.join(5)
        return self.process.exitcode == -signal.SIGABRT


class QueryRunner:
    """Runs queries on the store at ``store`` (a folder or an address) in at most
    ``workers`` processes at once, each limited to ``memory`` MiB of address space (0: no
    limit). A query waits at most ``queue_wait`` seconds for a free worker (default: the
    time limit), and at most ``queue`` queries wait (default: 64 per worker)."""

    def __init__(
        self,
        store: Path | StoreAddress,
        *,
        timeout: float,
        max_results: int,
        workers: int,
        memory: int = 0,
        queue_wait: float | None = None,
        queue: int | None = None,
    ) -> None:
        self.address = StoreAddress.of(store)
        self.timeout = timeout
        self.max_results = max_results
        self.workers = max(1, workers)
        self.memory = max(0, memory)
        self.queue_wait = timeout if queue_wait is None else queue_wait
        self.queue = 64 * self.workers if queue is None else queue
        self._context = multiprocessing.get_context("spawn")
        # one thread per worker: a query waits for a free one in the executor's queue
        self._threads = ThreadPoolExecutor(self.workers, thread_name_prefix="kg-sparql")
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()
        self._pending = 0  # queries running or waiting
        self._closed = False

    @classmethod
    def from_settings(cls, settings: ServeSettings) -> QueryRunner:
        return cls(
            settings.store,
            timeout=settings.query_timeout,
            max_results=settings.max_results,
            workers=settings.query_workers,
            memory=settings.query_memory,
            queue_wait=settings.query_queue_wait,
        )

    @property
    def retry_after(self) -> int:
        """Seconds a client told "busy" had best wait (a whole number, at least 1)."""
        return max(1, math.ceil(min(self.timeout, self.queue_wait)))

    def _busy(self, message: str) -> QueryBusy:
        return QueryBusy(
            message,
            hint=f"try again in {self.retry_after} s (Retry-After)",
            retry_after=self.retry_after,
        )

    async def run(self, job: Job) -> bytes:
        """The results of ``job``, serialised; raises a `RunnerError` subclass."""
        if self._closed:
            raise QueryBusy("the server is shutting down")
        with self._lock:
            if self._pending >= self.workers + self.queue:
                raise self._busy(
                    f"all {self.workers} query workers are busy and {self.queue} queries wait"
                )
            self._pending += 1
        try:
            future = self._threads.submit(self.run_sync, job)
            answer = asyncio.wrap_future(future)
            try:
                return await asyncio.wait_for(asyncio.shield(answer), self.queue_wait)
            except TimeoutError:
                if future.cancel():  # still waiting for a worker: give up its place
                    raise self._busy(
                        f"every query worker was busy for {self.queue_wait:g} s"
                    ) from None
                return await answer  # it has a worker: the time limit bounds it
        finally:
            with self._lock:
                self._pending -= 1

    def run_sync(self, job: Job, queued_at: float | None = None) -> bytes:
        """`run` for a thread of its own (blocks up to the queue wait, waiting for a free
        worker, then up to the time limit, running)."""
        if queued_at is not None and time.monotonic() - queued_at > self.queue_wait:
            raise self._busy(f"every query worker was busy for {self.queue_wait:g} s")
        try:
            if not job.checked:
                check_nesting(job.query)
        except QueryError as exc:
            raise QuerySyntaxError(exc.message, hint=exc.hint) from exc
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
            if self.memory and worker.ran_out_of_memory():
                raise self._memory() from exc
            raise RunnerError(
                f"the query worker stopped (exit code {worker.process.exitcode}): "
                f"{exc or 'no answer'}"
            ) from exc
        except BaseException:
            self._discard(worker)
            raise
        if kind == "memory":  # Python ran out within the limit: a fresh worker all the same
            self._discard(worker)
            raise self._memory()
        self._checkin(worker)
        return self._payload(kind, payload)

    def written(self, results: ox.QuerySolutions, media: str) -> bytes:
        """Solutions already at hand (a kept answer, `kg.store.kept`) written as a worker
        writes them, under the same result limit; raises a `RunnerError` subclass."""
        fmt = Media(media).results_format
        if fmt is None:
            raise RunnerError(f"the query's results cannot be written as {media}")
        return self._payload(*_solutions(results, fmt, self.max_results))

    def _payload(self, kind: str, payload: bytes | str) -> bytes:
        """A worker's reply as the answer's bytes, or the error it stands for."""
        if kind == "ok":
            assert isinstance(payload, bytes)
            return payload
        said = payload if isinstance(payload, str) else payload.decode(errors="replace")
        if kind == "syntax":
            raise QuerySyntaxError(f"the query does not parse: {said}")
        if kind == "too-many":
            raise TooManyResults(
                f"the query has more than {self.max_results} results",
                hint=f"add LIMIT {self.max_results} (or less), and OFFSET to page",
            )
        raise RunnerError(f"the query failed: {said}")

    def _memory(self) -> QueryMemory:
        return QueryMemory(
            f"the query needed more than the {self.memory} MiB of memory a query may use "
            "and was stopped",
            hint="add a LIMIT, avoid cross joins and large DISTINCT or ORDER BY sets",
        )

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
            idle = list(self._idle)
            busy = [w for w in self._all if w not in idle]
            self._all.clear()
            self._idle.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)
        for worker in idle:
            worker.stop()
        for worker in busy:  # its thread sees the pipe end at once and closes its side
            worker.process.kill()

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
        worker = _Worker(self._context, self.address, self.timeout, self.max_results, self.memory)
        self._all.add(worker)
        return worker

    def _checkin(self, worker: _Worker) -> None:
        with self._lock:
            if not self._closed:
                self._idle.append(worker)
                return
        worker.stop()

    def _discard(self, worker: _Worker) -> None:
        """Stop ``worker`` and start a fresh one in its place (it opens the store while no
        query waits for it)."""
        with self._lock:
            self._all.discard(worker)
        worker.stop()
        with self._lock:
            if not self._closed and len(self._all) < self.workers:
                self._idle.append(self._spawn())
