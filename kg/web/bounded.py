"""A page's own work, bounded: run in a thread, answered 503 with Retry-After when it
takes longer than the settings' page time limit, and given up when the client goes.

A thread cannot be stopped from outside; what this bounds is how long a request and its
client wait. The work itself is kept small instead: the summaries a page shows are read
from the statistics graph (`kg.stats`), computed at most once per application.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from typing import TypeVar

from fastapi import Request

from kg.web.errors import HttpError
from kg.web.state import state

T = TypeVar("T")
#: Seconds between two looks at whether the client is still there.
POLL = 0.05


async def bounded(request: Request, work: Callable[[], T]) -> T:
    """``work()``'s result, run in a thread; `HttpError` 503 (with Retry-After) past the
    page time limit; 499 (nginx's "client closed request", which nobody reads) when the
    client disconnects first."""
    limit = state(request).settings.page_timeout
    task = asyncio.ensure_future(asyncio.to_thread(work))
    watch = asyncio.ensure_future(_gone(request))
    try:
        done, _ = await asyncio.wait(
            {task, watch}, timeout=limit, return_when=asyncio.FIRST_COMPLETED
        )
    finally:
        watch.cancel()
    if task in done:
        return task.result()
    task.cancel()
    if watch in done:
        raise HttpError(499, "the client closed the connection before the page was ready")
    retry = max(1, math.ceil(limit))
    raise HttpError(
        503,
        f"the page took longer than {limit:g} s",
        hint=f"try again in {retry} s (Retry-After)",
        headers={"Retry-After": str(retry)},
    )


async def _gone(request: Request) -> None:
    """Return when the client has disconnected."""
    while not await request.is_disconnected():
        await asyncio.sleep(POLL)
