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


def tree(root: int) -> set[int]:
    """``root`` and every running process descended from it."""
    parents = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (found := stat(entry / "stat")) is not None:
            parents[int(entry.name)] = found[1]
    family = {root}
    grown = True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in family} - family
        grown = bool(more)
        family |= more
    return family


def cpu_seconds(pid: int) -> float | None:
    """A process's user and system CPU seconds so far (None: it has ended)."""
    found = stat(PROC / str(pid) / "stat")
    return None if found is None else found[2] + found[3]


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
