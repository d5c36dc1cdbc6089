"""Progress on stderr: a bar on a terminal, a line per stage otherwise."""

from __future__ import annotations

import time
from types import TracebackType

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from kg.cli.options import err, say


def progress_bar() -> Progress:
    """A bar of done, total, elapsed and remaining time, shown on a terminal only."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


class Stages:
    """Progress through the named stages of a command: on a terminal a bar whose clock
    runs on through every stage (a new stage starts afresh: a finished bar stops its
    clock); otherwise one line on stderr as each stage begins, and the time at the end."""

    def __init__(self) -> None:
        self._bar = progress_bar()
        self._task = self._bar.add_task("", total=None)
        self._stage = ""
        self._began = time.monotonic()

    def __enter__(self) -> Stages:
        self._bar.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._bar.__exit__(kind, value, traceback)
        if self._stage and kind is None and not err.is_terminal:
            say(err, f"done in {time.monotonic() - self._began:.1f} s")

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if stage == self._stage:
            self._bar.update(self._task, completed=done, total=total)
            return
        self._stage = stage
        self._bar.reset(self._task, total=total, completed=done, description=stage)
        if not err.is_terminal:
            counted = f" ({total})" if total else ""
            elapsed = time.monotonic() - self._began
            say(err, f"{stage}{counted}… [{elapsed:.1f} s]")
