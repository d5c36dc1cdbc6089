"""The worker processes of a build: reading (`kg.reading`) and mapping and validating
(`kg.preparing`) share how a pool is started and how its workers end with the build, and
how what they are sent is pickled (`pack`)."""

from __future__ import annotations

import dataclasses
import gc
import io
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from typing import Any


def pool(workers: int, start: Callable[..., None], *args: object) -> ProcessPoolExecutor:
    """``workers`` processes, each of which runs ``start(*args)`` first and ends when the
    build's process is gone (killed) instead of waiting for work that will never come."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_start,
        initargs=(os.getpid(), start, args),
    )


def nothing() -> None:
    """A worker's start for a pool whose work needs nothing loaded beforehand."""


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
    # what the worker was started with lives as long as it does: the collector's full
    # passes need not go over it again and again (a build's tables are millions of objects)
    gc.freeze()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(build_pid, 0)
            except OSError:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def pack(value: object) -> bytes:
    """``value`` pickled, as `pickle.loads` reads it back; its slotted dataclasses (the
    model of a placed document is some 170 of them) by their fields' values, for a
    fraction of what the `dataclasses` module's own pickling costs: it looks the fields
    of the class up again for each object, both ways.

    >>> from kg.resolve.model import Entity
    >>> pickle.loads(pack([Entity("gry-ravn", "Gry Ravn", ("G. Ravn",))]))
    [Entity(slug='gry-ravn', label='Gry Ravn', alt_labels=('G. Ravn',))]
    """
    stream = io.BytesIO()
    _Packer(stream, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return stream.getvalue()


class _Packer(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        cls: object = type(obj)
        names = _slotted_fields(cls)
        if names is None:
            return NotImplemented
        return _unpack, (cls, tuple([getattr(obj, name) for name in names]))


@cache
def _slotted_fields(cls: object) -> tuple[str, ...] | None:
    """The fields of a slotted dataclass pickled by `dataclasses` (None for any other)."""
    if not isinstance(cls, type) or not dataclasses.is_dataclass(cls):
        return None
    getstate = getattr(cls, "__getstate__", None)
    if "__slots__" not in cls.__dict__ or getstate is not _DATACLASS_GETSTATE:
        return None  # the class pickles itself its own way
    return tuple(f.name for f in dataclasses.fields(cls))


def _unpack(cls: type, values: tuple[object, ...]) -> object:
    """An object of slotted dataclass ``cls`` with its fields' values (frozen or not)."""
    obj: object = object.__new__(cls)
    for name, value in zip(_slotted_fields(cls) or (), values, strict=True):
        object.__setattr__(obj, name, value)
    return obj


@dataclasses.dataclass(frozen=True, slots=True)
class _Slotted:
    """What `dataclasses` makes of a slotted dataclass: its pickling is told by this."""


_DATACLASS_GETSTATE = _Slotted.__getstate__
