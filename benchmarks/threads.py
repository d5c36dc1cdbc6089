"""Where a command's CPU goes, thread by thread: sampled from /proc (Linux only).

    python benchmarks/threads.py [--every S] [--bucket S] [--json FILE] -- COMMAND ...

Runs COMMAND (for example ``python benchmarks/build.py CORPUS --jobs 2 --no-record``),
and every ``--every`` seconds reads the user and system CPU seconds of each thread of it
and of every process it starts, then prints two tables:

- **where the CPU went**: in the process with the most threads (the build), its main
  thread, RocksDB's threads (named ``rocksdb:*`` by RocksDB), the threads that lived less
  than ``--short`` seconds together (Oxigraph's bulk loader starts one a batch), and each
  other thread alone with the seconds it was seen (Python 3.11 does not name its threads
  to the system: tell ``kg-load`` from ``kg-index`` by when they run); every other
  process as one row;
- **when**: the cores each row used, on average, in buckets of ``--bucket`` seconds.

``--json`` keeps every sample, which ``--again FILE`` reports again (other cuts). The
command's output goes to this script's standard error; its exit code is this script's.
A sampler, not a profiler: a thread that lives less than ``--every`` seconds is missed,
and what it reads is what /proc says (clock ticks, 10 ms).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from procs import PROC, stat, tree


@dataclass
class Seen:
    """One thread (or process) as the samples saw it."""

    name: str
    first: float
    last: float
    user: float = 0.0
    system: float = 0.0
    #: Its CPU seconds (user and system) in each sample, by the sample's time.
    steps: dict[float, float] = field(default_factory=dict)


def sample(root: int, since: float, at: float, threads: dict[str, Seen]) -> None:
    """Read every thread of ``root``'s tree once (keys ``pid/tid``): the CPU each used
    since the sample at ``since``, kept under that time."""
    for pid in tree(root):
        try:
            tasks = list((PROC / str(pid) / "task").iterdir())
        except OSError:
            continue
        for task in tasks:
            found = stat(task / "stat")
            if found is None:
                continue
            name, _, user, system = found
            seen = threads.setdefault(f"{pid}/{task.name}", Seen(name, at, at))
            step = user + system - seen.user - seen.system
            if step > 0:
                seen.steps[since] = round(step, 2)
            seen.last, seen.user, seen.system = at, user, system


def rows(threads: dict[str, Seen], short: float) -> dict[str, list[str]]:
    """The table's rows: their label, and the threads each one adds up."""
    by_pid: dict[str, list[str]] = {}
    for key in threads:
        by_pid.setdefault(key.split("/")[0], []).append(key)
    build = max(by_pid, key=lambda pid: len(by_pid[pid]))
    grouped: dict[str, list[str]] = {}
    for pid, keys in by_pid.items():
        for key in keys:
            seen = threads[key]
            if pid != build:
                label = f"process {pid} ({seen.name})"
            elif key == f"{pid}/{pid}":
                label = "build: main thread"
            elif seen.name.startswith("rocksdb"):
                label = "build: RocksDB's threads"
            elif seen.last - seen.first < short:
                label = f"build: threads that lived under {short:g} s"
            else:
                label = f"build: thread {key} ({seen.first:.0f} to {seen.last:.0f} s)"
            grouped.setdefault(label, []).append(key)
    return grouped


def report(threads: dict[str, Seen], grouped: dict[str, list[str]], bucket: float) -> str:
    """The two tables, as Markdown."""
    total = {
        label: sum(threads[k].user + threads[k].system for k in keys)
        for label, keys in grouped.items()
    }
    order = sorted(grouped, key=lambda label: -total[label])
    lines = ["| where | threads | user s | system s |", "|---|---:|---:|---:|"]
    for label in order:
        keys = grouped[label]
        user = sum(threads[k].user for k in keys)
        system = sum(threads[k].system for k in keys)
        lines.append(f"| {label} | {len(keys)} | {user:.1f} | {system:.1f} |")
    user = sum(s.user for s in threads.values())
    system = sum(s.system for s in threads.values())
    lines += [f"| all | {len(threads)} | {user:.1f} | {system:.1f} |", ""]
    shown = [label for label in order if total[label] >= 0.01 * sum(total.values())]
    end = max(s.last for s in threads.values())
    lines.append("| s | " + " | ".join(f"({i + 1})" for i in range(len(shown))) + " |")
    lines.append("|---:|" + "---:|" * len(shown))
    used = {label: [0.0] * (int(end // bucket) + 1) for label in shown}
    for label in shown:
        for key in grouped[label]:
            for t, step in threads[key].steps.items():
                used[label][int(t // bucket)] += step / bucket
    for n in range(int(end // bucket) + 1):
        cells = " | ".join(f"{used[label][n]:.2f}" for label in shown)
        lines.append(f"| {n * bucket:.0f} | {cells} |")
    lines += [""] + [f"({i + 1}) {label}" for i, label in enumerate(shown)]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--every", type=float, default=1.0, help="seconds between samples")
    parser.add_argument("--bucket", type=float, default=30.0, help="seconds a row of the timeline")
    parser.add_argument(
        "--short", type=float, default=20.0, help="threads living less are added up"
    )
    parser.add_argument("--json", type=Path, help="write every sample here")
    parser.add_argument("--again", type=Path, help="report a --json file's samples; run nothing")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if args.again:
        kept = json.loads(args.again.read_text())["threads"]
        threads = {key: Seen(**seen) for key, seen in kept.items()}
        for seen in threads.values():  # JSON's keys are text
            seen.steps = {float(t): v for t, v in seen.steps.items()}
        print(report(threads, rows(threads, args.short), args.bucket))
        return 0
    if not command:
        parser.error("give the command to run after --")
    if not (PROC / "self" / "task").is_dir():
        parser.error("this sampler reads /proc, which this system does not have (Linux only)")
    threads = {}
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=sys.stderr)
    since = 0.0
    while child.poll() is None:
        time.sleep(args.every)
        at = round(time.monotonic() - started, 1)
        sample(child.pid, since, at, threads)
        since = at
    if not threads:
        print("the command ended before the first sample", file=sys.stderr)
        return child.returncode or 1
    grouped = rows(threads, args.short)
    print(report(threads, grouped, args.bucket))
    if args.json:
        kept = {"threads": {k: asdict(s) for k, s in threads.items()}, "rows": grouped}
        args.json.write_text(json.dumps(kept))
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
