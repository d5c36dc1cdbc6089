#!/usr/bin/env python3
"""Set up and run minutes-kg from a fresh checkout with nothing but Python and pip.

    python3 dev.py demo    # set up, build the bundled examples into .kg/store, serve them
    python3 dev.py test    # set up, then lint (ruff), type check (mypy) and test (pytest)
    python3 dev.py test -m "not slow"   # the same without the slow tests: what follows
                                        # `test` goes to pytest

The first run makes a virtual environment in .venv and installs the project with its
development tools; later runs reinstall only when pyproject.toml has changed.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".dev-stamp"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _run(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    env = {"COLUMNS": "200", **os.environ}  # wide tables when the output is not a terminal
    # The child runs in a session of its own, so that Ctrl-C reaches it only as this
    # script passes it on: to the command alone, which stops its worker processes itself
    # (sent to them all, each printed a traceback).
    child = subprocess.Popen([str(a) for a in args], cwd=ROOT, env=env, start_new_session=True)
    # SIGTERM (a process manager, `timeout`, `kill`) is passed on too: in its own session
    # the command would not get it, and a server would outlive this script on its port
    previous = signal.signal(signal.SIGTERM, lambda signum, _: child.send_signal(signum))
    try:
        code = child.wait()
    except KeyboardInterrupt:
        child.send_signal(signal.SIGINT)
        child.wait()
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)
    if code != 0:
        sys.exit(128 - code if code < 0 else code)  # a signal's number as a shell gives it


def setup() -> None:
    """Create .venv and install the project into it, unless it is up to date."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    _run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    _run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.write_text(wanted)


def demo() -> None:
    """Build the bundled examples into .kg/store, show what it holds, and serve it."""
    store = ROOT / ".kg" / "store"
    _run(BIN / "kg", "build", ROOT / "examples", "--store", store)
    _run(BIN / "kg", "query", "meetings-of-committee", "--store", store)
    port = os.environ.get("KG_PORT", "8000")
    print(f"\nOpen http://127.0.0.1:{port}/ (SPARQL endpoint: /sparql; Ctrl-C stops)\n", flush=True)
    _run(BIN / "kg", "serve", "--store", store, "--port", port)


def test() -> None:
    """Lint, type check and run the whole test suite."""
    _run(PYTHON, "-m", "ruff", "check", ".")
    _run(PYTHON, "-m", "ruff", "format", "--check", ".")
    _run(PYTHON, "-m", "mypy")
    _run(PYTHON, "-m", "pytest", *sys.argv[2:])


COMMANDS = {"setup": setup, "demo": demo, "test": test}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        sys.exit(2)
    setup()
    if sys.argv[1] != "setup":
        COMMANDS[sys.argv[1]]()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # Ctrl-C outside a child (during set-up): no traceback
        sys.exit(130)
