"""benchmarks/threads.py: a command's CPU, thread by thread, from /proc."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLER = Path(__file__).parents[2] / "benchmarks" / "threads.py"

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/task").is_dir(), reason="the sampler reads /proc (Linux only)"
)

#: A command whose main thread spins 2 s while a thread of its own spins 0.5 s, then
#: exits with 3.
SPINNING = """
import sys, threading, time
def spin(seconds):
    end = time.process_time() + 10
    start = time.monotonic()
    while time.monotonic() - start < seconds and time.process_time() < end:
        pass
helper = threading.Thread(target=spin, args=(0.5,))
helper.start()
spin(2.0)
helper.join()
sys.exit(3)
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SAMPLER), *args], capture_output=True, text=True, timeout=60
    )


def test_the_samples_tell_the_main_thread_from_a_short_one_and_the_exit_code_is_kept(
    tmp_path: Path,
) -> None:
    kept = tmp_path / "samples.json"
    done = run(
        "--every", "0.1", "--short", "1", "--json", str(kept), "--", sys.executable, "-c", SPINNING
    )
    assert done.returncode == 3
    table = {
        cells[0]: [float(c) for c in cells[2:4]]
        for line in done.stdout.split("\n\n")[0].splitlines()[2:]
        if (cells := [c.strip() for c in line.strip("|").split("|")])
    }
    main_cpu = sum(table["build: main thread"])
    short_cpu = sum(table["build: threads that lived under 1 s"])
    assert main_cpu > short_cpu > 0  # the GIL shares the spinning, the main one spins longer
    assert sum(table["all"]) == pytest.approx(main_cpu + short_cpu, abs=0.2)  # rounded to 0.1
    samples = json.loads(kept.read_text())
    assert sum(len(keys) for keys in samples["rows"].values()) == len(samples["threads"]) == 2
    again = run("--again", str(kept), "--short", "1")
    assert again.returncode == 0
    assert again.stdout.split("\n\n")[0] == done.stdout.split("\n\n")[0]  # the same table


def test_no_command_is_an_error_that_says_what_to_give() -> None:
    done = run()
    assert done.returncode == 2
    assert "give the command to run after --" in done.stderr
