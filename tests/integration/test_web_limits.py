"""A real `kg serve` on loopback (issue 15): oversize requests answered 414 / 431 rather
than reset, HEAD under uvicorn, a busy port named before anything is announced, and a
build on the served store refused."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from tests.browser_support import free_port, served

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
GRAPH = "http://localhost:8000/id/document/doc1"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.store import OxigraphStore

    folder = tmp_path_factory.mktemp("limits-store")
    store = OxigraphStore(folder)
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    store.replace_graphs(
        {
            GRAPH: [
                ox.Quad(
                    ox.NamedNode("http://localhost:8000/id/committee/udvalg"),
                    label,
                    ox.Literal("Udvalget", language="da"),
                    ox.NamedNode(GRAPH),
                )
            ]
        }
    )
    del store
    return folder


@pytest.fixture(scope="module")
def site(folder: Path) -> Iterator[str]:
    with served(folder) as address:
        yield address


def _raw(address: str, request: bytes) -> bytes:
    """Send ``request`` as it is and read the answer to the end (a reset raises)."""
    host, port = address.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_a_1mb_address_is_414_not_a_reset(site: str) -> None:
    """Regression: a 1 MB URL reset the connection."""
    answer = _raw(site, b"GET /sparql?query=" + b"a" * (1 << 20) + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 414 "), answer[:200]
    assert b"the address is too long" in answer


def test_huge_headers_are_431_not_a_reset(site: str) -> None:
    """Regression: huge headers reset the connection."""
    answer = _raw(site, b"GET / HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * (1 << 20) + b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]


def test_an_address_over_the_apps_limit_is_414_with_the_error_page(site: str) -> None:
    response = httpx.get(site + "/sparql", params={"query": "x" * 10_000})
    assert response.status_code == 414
    assert response.json()["status"] == 414


@pytest.mark.parametrize("path", ["/", "/sparql", "/graphs", "/api/queries"])
def test_head_is_answered_on_a_real_server(site: str, path: str) -> None:
    """Regression: HEAD answered 405 on /, /sparql and /graphs."""
    head = httpx.head(site + path, headers={"accept": "text/html"}, timeout=60)
    get = httpx.get(site + path, headers={"accept": "text/html"}, timeout=60)
    assert head.status_code == get.status_code != 405
    assert head.content == b""
    assert head.headers["x-content-type-options"] == "nosniff"


def test_a_build_on_the_served_store_is_refused(site: str, folder: Path) -> None:
    """Regression: `kg build` on a served store went ahead (stale pages, and one COUNT
    answered 2,662 or 10,588 by the worker that took it)."""
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(ROOT / "examples"), "--store", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert "kg serve is serving the store" in done.stderr
    counts = {
        httpx.get(
            site + "/sparql",
            params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
            timeout=60,
        ).json()["results"]["bindings"][0]["n"]["value"]
        for _ in range(6)
    }
    assert counts == {"1"}


def test_a_busy_port_names_kg_port_and_announces_nothing(folder: Path) -> None:
    """Regression: a busy port printed "serving at" and then failed without naming
    KG_PORT."""
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen(1)
        done = subprocess.run(
            [sys.executable, "-m", "kg", "serve", "--store", str(folder), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2
    assert "serving" not in done.stderr
    assert f"127.0.0.1:{port}" in done.stderr
    assert "--port" in done.stderr and "KG_PORT" in done.stderr
    assert "Traceback" not in done.stderr


def test_ctrl_c_stops_the_server_without_a_traceback(folder: Path) -> None:
    """Regression: Ctrl-C printed a KeyboardInterrupt traceback from every query worker."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(folder), "--port", str(port)],
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C sees it
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK {}"})
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.2)
        os.killpg(server.pid, signal.SIGINT)
        _, stderr = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
    assert server.returncode in (0, 130)  # 130: stopped by SIGINT, as shells report it
    assert b"Traceback" not in stderr and b"KeyboardInterrupt" not in stderr, stderr.decode()
