"""SIGTERM stops `kg serve` within a few seconds, whatever it is answering: a readiness
probe's retries once left computations running for half an hour, and SIGTERM waited."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.browser_support import free_port

pytestmark = pytest.mark.integration

#: A query that runs far longer than the test: three unrestricted patterns joined.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: Seconds within which the server must be gone after SIGTERM.
BOUND = 10.0


def _start(store: Path, *options: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
            "--query-timeout",
            "120",
            *options,
        ],
        stderr=subprocess.DEVNULL,
    )
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(address + "/healthz", timeout=2).status_code == 200:
                return server, address
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise AssertionError("the server did not start in 60 s")


def _ask(address: str, path: str, params: dict[str, str]) -> None:
    with contextlib.suppress(httpx.HTTPError):  # the server went: what this test wants
        httpx.get(address + path, params=params, timeout=BOUND * 3)


@pytest.mark.slow
def test_sigterm_stops_the_server_while_it_answers(seed_store: Path) -> None:
    server, address = _start(seed_store)
    try:
        asking = [
            threading.Thread(target=_ask, args=(address, "/sparql", {"query": ENDLESS}))
            for _ in range(2)
        ]
        asking.append(threading.Thread(target=_ask, args=(address, "/", {})))
        for thread in asking:
            thread.start()
        time.sleep(1.5)  # the queries are running
        assert server.poll() is None
        start = time.monotonic()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=BOUND * 3)
        assert time.monotonic() - start < BOUND
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


@pytest.mark.slow
def test_kg_serve_takes_the_list_page_size(seed_store: Path) -> None:
    """--page-size: the people list a person a page, as many pages as people."""
    server, address = _start(seed_store, "--page-size", "1")
    try:
        count = (
            "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <http://www.w3.org/ns/person#Person> }"
        )
        answer = httpx.get(
            address + "/sparql",
            params={"query": count},
            headers={"Accept": "application/sparql-results+json"},
            timeout=30,
        )
        people = int(answer.json()["results"]["bindings"][0]["n"]["value"])
        assert people > 2
        assert httpx.get(address + f"/people?page={people}", timeout=30).status_code == 200
        assert httpx.get(address + f"/people?page={people + 1}", timeout=30).status_code == 404
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=BOUND * 3)


def _serving_children(pid: int) -> set[int]:
    """The server processes a `kg serve --processes` supervisor has spawned (not its
    resource tracker)."""
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
            cmdline = (status.parent / "cmdline").read_bytes()
            if fields.get("PPid", "").strip() == str(pid) and b"spawn_main" in cmdline:
                found.add(int(status.parent.name))
    return found


def _wait_for(check: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_server_processes_share_the_port_replace_a_lost_one_and_stop(seed_store: Path) -> None:
    """`--processes 2`: two processes answer on one port; one killed is replaced while the
    other answers; SIGTERM stops them all within the bound, with exit code 0."""
    server, address = _start(seed_store, "--processes", "2")
    try:
        assert _wait_for(lambda: len(_serving_children(server.pid)) == 2, 30)
        first = _serving_children(server.pid)
        statuses = {httpx.get(address + "/healthz", timeout=10).status_code for _ in range(20)}
        assert statuses == {200}
        lost = min(first)
        subprocess.run(["kill", "-KILL", str(lost)], check=True)
        assert httpx.get(address + "/healthz", timeout=10).status_code == 200  # the other
        assert _wait_for(
            lambda: len(children := _serving_children(server.pid)) == 2 and lost not in children,
            30,
        )
        start = time.monotonic()
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=BOUND * 3) == 0
        assert time.monotonic() - start < BOUND
        assert not _serving_children(server.pid)
    finally:
        if server.poll() is None:
            server.kill()
