"""The worker processes of a build: reading (`kg.reading`) and mapping and validating
(`kg.preparing`) share how a pool is started and how its workers end with the build."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor


def pool(workers: int, start: Callable[..., None], *args: object) -> ProcessPoolExecutor:
    """``workers`` processes, each of which runs ``start(*args)`` first and ends when the
    build's process is gone (killed) instead of waiting for work that will never come."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_start,
        initargs=(os.getpid(), start, args),
    )


def _context() -> multiprocessing.context.BaseContext:
    """Workers forked from a clean server process that has the build's modules loaded:
    cheap to start, and never a fork of a process that runs store threads."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["kg.reading", "kg.preparing"])
        return context
    return multiprocessing.get_context("spawn")


def _start(build_pid: int, start: Callable[..., None], args: tuple[object, ...]) -> None:
    start(*args)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(build_pid, 0)
            except OSError:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
