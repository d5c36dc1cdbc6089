"""Every command of the README runs as written, in a folder laid out like a fresh clone
(``examples/`` beside it, ``../shared`` above it), in the order the README gives them.

Left out, each for a reason the table below states: commands that need the network or a
Virtuoso server, and ``dev.py``, which would set up and run all of this again. A server
(`kg serve`, `python -m http.server`) is started, asked for its first page and stopped;
it listens on a free port rather than 8000, which another program may hold."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import EXAMPLES

pytestmark = [pytest.mark.integration, pytest.mark.slow]
REPO = EXAMPLES.parent
README = REPO / "README.md"
SHARED = REPO.parent / "shared"
#: Commands not run, by how they begin, and why.
NOT_RUN = {
    "python3 dev.py": "sets up the checkout and runs everything, this test included",
    "kg harvest": "fetches from a municipality's portal over the network",
    "export KG_WORK": "the Virtuoso example: tests/integration/test_store_backends.py",
    "kg build examples --store sparql+": "needs a Virtuoso server (test_store_backends.py)",
    "kg serve --store sparql+": "needs a Virtuoso server (test_store_backends.py)",
    "kg build greve": "reads what kg harvest fetched",
}
#: Commands that serve until stopped.
SERVERS = ("kg serve", "python -m http.server")


def readme_commands() -> list[str]:
    """The commands of the README's ``sh`` blocks, continuation lines joined, comments cut."""
    commands: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        text = block.replace("\\\n", " ")
        for line in text.splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()
            if command and not command.startswith("#"):
                commands.append(" ".join(command.split()))
    return commands


def test_the_readme_has_commands_and_says_why_it_skips_any() -> None:
    commands = readme_commands()
    assert len(commands) > 15
    assert any(c.startswith("kg publish") for c in commands)
    for prefix in NOT_RUN:
        assert any(c.startswith(prefix) for c in commands), f"stale: {prefix}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(argv: list[str], cwd: Path, env: dict[str, str]) -> None:
    """Start a server, get its first page, stop it."""
    port = str(_free_port())
    argv = [port if a == "8000" else a for a in argv]
    if "--port" not in argv and argv[0] == "kg":
        argv += ["--port", port]
    server = subprocess.Popen(argv, cwd=cwd, env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/", timeout=10)
                assert answer.status_code == 200, argv
                return
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    message = server.stderr.read().decode() if server.stderr else ""
                    raise AssertionError(f"{argv} did not serve: {message}") from None
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_every_readme_command_runs_as_written(tmp_path: Path) -> None:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"../shared/seeds is not beside the repository (looked in {SHARED})")
    clone = tmp_path / "clone"
    clone.mkdir()
    (clone / "examples").symlink_to(EXAMPLES)
    (tmp_path / "shared").symlink_to(SHARED)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for name in ("KG_STORE", "KG_BASE_IRI", "KG_WORK", "KG_SOURCE_URL"):
        env.pop(name, None)
    ran = 0
    for command in readme_commands():
        if any(command.startswith(prefix) for prefix in NOT_RUN):
            continue
        argv = shlex.split(command)
        if argv[0] == "python":
            argv[0] = sys.executable
        if command.startswith(SERVERS):
            _serve(argv, clone, env)
        else:
            done = subprocess.run(argv, cwd=clone, env=env, capture_output=True, timeout=900)
            assert done.returncode == 0, (command, done.stderr.decode()[-2000:])
        ran += 1
    assert ran >= 15


def test_the_readme_starts_with_exactly_the_two_commands() -> None:
    """The first block is the set-up-and-serve command and the test command, nothing else
    (a third line, the fast set, had crept in)."""
    first = re.search(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert first is not None
    assert first.group(1).split("\n")[:-1] == ["python3 dev.py demo", "python3 dev.py test"]
