"""Installed from its wheel, far from the checkout and without ``../shared``, kg runs every
command of the README's "Using it" section on the four seeds, and the relation-graph and
publishing commands (issue 15: 0 of 6 steps worked, the wheel held no .ttl or .rq).

The wheel is built from a copy of the checkout (``pip wheel . --no-deps``) and installed
into a fresh virtual environment with its dependencies from the package registry, but
none of its extras: a drawing then says which extra to install. The seeds are copied into
an empty folder, beside the example files the README names (a query, reference data,
publishing settings); commands run there with nothing of the checkout on the path.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import EXAMPLES, ROOT, SEEDS

pytestmark = [pytest.mark.integration, pytest.mark.slow]
README = ROOT / "README.md"
#: The example files the README's commands name, copied beside the seeds.
EXAMPLE_FILES = ("my-query.rq", "links.ttl", "publish.toml")
#: Not part of the copy the wheel is built from.
NOT_SOURCES = shutil.ignore_patterns(
    ".venv", ".git", ".kg", "build", "dist", "*.egg-info", "__pycache__", "*_cache", "node_modules"
)


def _block(after: str) -> list[str]:
    """The commands of the first ``sh`` block after the heading ``after``, continuation
    lines joined and comments cut."""
    text = README.read_text(encoding="utf-8")
    block = re.search(rf"{re.escape(after)}\n.*?```sh\n(.*?)```", text, re.S)
    assert block, f"no sh block after {after!r} in the README"
    commands = []
    for line in block.group(1).replace("\\\n", " ").splitlines():
        command = re.sub(r"\s+#.*$", "", line).strip()
        if command and not command.startswith("#"):
            commands.append(" ".join(command.split()))
    return commands


def _commands() -> list[str]:
    """Using it, then the relation graphs and the release; the seeds are in ``seeds``."""
    chosen = _block("## Using it") + _block("### Relation graphs")
    chosen += [c for c in _block("### Publishing") if c.startswith("kg publish")]
    return [c.replace("../shared/seeds", "seeds") for c in chosen]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; its bin folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    source, dist, venv = tmp / "source", tmp / "dist", tmp / "venv"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES, symlinks=True)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "wheel", ".", "--no-deps", "-w", str(dist)], cwd=source, check=True)
    (wheel,) = dist.glob("minutes_kg-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / "bin"
    install = [str(bin_dir / "python"), "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*install, "install", str(wheel)], check=True, timeout=1200)
    shutil.rmtree(source)  # nothing of the checkout is left to lean on
    return bin_dir


def _env(bin_dir: Path) -> dict[str, str]:
    """The environment without kg's settings or a Python path, the venv's bin first."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KG_", "PYTHON"))}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return env


def test_the_wheel_holds_the_package_data(installed: Path, tmp_path: Path) -> None:
    code = (
        "import json, kg, kg.resources as r; print(json.dumps([kg.__file__,"
        " sorted(p.name for f in r.DataFolder for p in r.data_folder(f).iterdir())]))"
    )
    done = subprocess.run(
        [str(installed / "python"), "-c", code],
        cwd=tmp_path,  # not the checkout, which python -c would put on the path
        env=_env(installed),
        capture_output=True,
        text=True,
        check=True,
    )
    where, files = json.loads(done.stdout)
    assert "site-packages" in where and not where.startswith(str(ROOT))
    assert {"minutes-kg.ttl", "concepts.ttl", "core.ttl", "who-works-on-what.rq"} <= set(files)


def test_every_using_it_command_works_from_the_installed_wheel(
    installed: Path, tmp_path: Path
) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"../shared/seeds is not beside the repository (looked in {SEEDS})")
    work = tmp_path / "work"
    shutil.copytree(SEEDS, work / "seeds")
    (work / "examples").mkdir()
    for name in EXAMPLE_FILES:
        shutil.copy(EXAMPLES / name, work / "examples" / name)
    assert not (work.parent / "shared").exists()
    env = _env(installed)
    ran = []
    for command in _commands():
        argv = shlex.split(command)
        assert argv[0] == "kg", command
        argv[0] = str(installed / "kg")
        if argv[1] == "serve":
            _serve(argv, work, env)
        elif any(a.endswith((".svg", ".png")) for a in argv):  # the draw extra is not installed
            done = subprocess.run(argv, cwd=work, env=env, capture_output=True, text=True)
            assert done.returncode == 2, (command, done.stderr)
            assert "pip install 'minutes-kg[draw]'" in done.stderr, done.stderr
        else:
            done = subprocess.run(
                argv, cwd=work, env=env, capture_output=True, text=True, timeout=900
            )
            assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-2000:])
            if argv[1] == "publish":
                assert "NOT checked" in done.stderr  # no --standards, no KG_STANDARDS
            if "--explain" in argv:
                assert "score" in done.stdout  # the seeds spell some people two ways
        ran.append(argv[1])
    assert {"build", "validate", "query", "export", "resolve", "graph", "load", "publish"} <= set(
        ran
    )
    assert "serve" in ran and ran.count("query") >= 4  # by name, with a parameter, file, inline


def _serve(argv: list[str], cwd: Path, env: dict[str, str]) -> None:
    """Start kg serve on a free loopback port, fetch / and /sparql, stop it."""
    port = _free_port()
    server = subprocess.Popen(
        [*argv, "--port", str(port)], cwd=cwd, env=env, stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                home = httpx.get(f"{base}/", timeout=10)
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    errors = server.stderr.read() if server.stderr else ""
                    raise AssertionError(f"kg serve did not serve: {errors}") from None
                time.sleep(0.3)
        assert home.status_code == 200
        answer = httpx.get(
            f"{base}/sparql",
            params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
            headers={"Accept": "application/sparql-results+json"},
            timeout=30,
        )
        assert answer.status_code == 200
        assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) > 1000
        assert httpx.get(f"{base}/docs", timeout=10).status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
