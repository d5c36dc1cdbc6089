"""Several server processes on one port, for a server with more than one core to use.

Python runs one thread at a time in a process, so one process renders pages on one core
at most however many it has. `serve` binds nothing itself: the caller's listening socket
is handed to ``settings.processes`` processes (spawned, not forked: the store and the
query workers are opened in each anew), each running the whole application on it, and
the kernel shares the connections out among them. The query workers are shared out too
(``query_workers`` is the server's total, at least one a process). This process
supervises: a process that ends unasked is started again, and SIGTERM or SIGINT stops
them all (each finishes its requests for a few seconds, as `kg.web.server.run` allows,
and is killed past `STOP_WAIT`).
"""

from __future__ import annotations

import math
import multiprocessing
import signal
import socket
import threading
import time
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess
from types import FrameType

from kg.web.settings import ServeSettings

#: Seconds the processes have to stop after SIGTERM before they are killed.
STOP_WAIT = 10.0
#: A process that fails (exits with an error, not killed by a signal) within this many
#: seconds of its start is not started again: it cannot start, and the supervisor stops
#: rather than start it again and again.
STARTUP_GRACE = 5.0


def _child(settings: ServeSettings, sock: socket.socket) -> None:
    from kg.web.app import create_app
    from kg.web.server import run

    run(create_app(settings), sock)


def share(settings: ServeSettings) -> ServeSettings:
    """The settings of each process: its share of the query workers.

    >>> share(ServeSettings(store="s", processes=3, query_workers=4)).query_workers
    2
    """
    each = max(1, math.ceil(settings.query_workers / max(1, settings.processes)))
    return settings.model_copy(update={"query_workers": each})


def serve(settings: ServeSettings, sock: socket.socket) -> int:
    """Serve on ``sock`` from ``settings.processes`` processes until SIGTERM or SIGINT;
    the exit code (1 when a process could not start)."""
    context = multiprocessing.get_context("spawn")
    each = share(settings)
    stopping = threading.Event()
    started: dict[BaseProcess, float] = {}

    def start() -> None:
        process = context.Process(target=_child, args=(each, sock), name="kg-serve")
        process.start()
        started[process] = time.monotonic()

    def stop(signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    code = 0
    try:
        for _ in range(max(1, settings.processes)):
            start()
        while not stopping.is_set():
            ended = wait([p.sentinel for p in started], timeout=0.5)
            for process in [p for p in started if p.sentinel in ended]:
                began = started.pop(process)
                process.join()
                if stopping.is_set():
                    continue
                failed = process.exitcode is not None and process.exitcode > 0
                if failed and time.monotonic() - began < STARTUP_GRACE:
                    code = 1  # it cannot start: starting it again would loop
                    stopping.set()
                else:
                    start()
    finally:
        for process in started:
            process.terminate()  # SIGTERM: uvicorn finishes its requests, then ends
        deadline = time.monotonic() + STOP_WAIT
        for process in started:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()
        for number, handler in previous.items():
            signal.signal(number, handler)
    return code
