"""What the benchmarks read of running processes, from /proc (Linux): a process's tree,
its CPU seconds and its resident memory. Not a benchmark."""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")
TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def stat(path: Path) -> tuple[str, int, float, float] | None:
    """A /proc stat file's (a process's or a thread's) name, parent pid, and user and
    system CPU seconds; None when it has ended."""
    try:
        text = path.read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    return name, int(fields[1]), int(fields[11]) / TICK, int(fields[12]) / TICK


def processes() -> dict[int, tuple[str, int, float, float]]:
    """Every running process's `stat`, by its pid: one walk of /proc."""
    found = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (read := stat(entry / "stat")) is not None:
            found[int(entry.name)] = read
    return found


def tree(root: int, running: dict[int, tuple[str, int, float, float]] | None = None) -> set[int]:
    """``root`` and every process descended from it, among ``running`` (`processes`,
    read now when not given)."""
    parents = {pid: read[1] for pid, read in (running or processes()).items()}
    family = {root}
    grown = True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in family} - family
        grown = bool(more)
        family |= more
    return family


def rss_mib(pid: int) -> float:
    """A process's resident memory (MiB; 0 when it has ended)."""
    try:
        status = (PROC / str(pid) / "status").read_text()
    except OSError:
        return 0.0
    kib = next((int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS:")), 0)
    return kib / 1024


def tree_rss_mib(root: int) -> float:
    """The resident memory of ``root`` and its descendants together (MiB)."""
    return sum(map(rss_mib, tree(root)))
