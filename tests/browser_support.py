"""A real server and a real headless Chromium for the browser tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, sync_playwright

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """Debian's chromium; the tests skip with the command that installs it when absent
    (CI's .ci/run installs it)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("headless Chromium is not installed: apt-get install chromium (CI does)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(store: Path, *options: str) -> Iterator[str]:
    """`kg serve` on a free loopback port for the duration; yields its address."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port), *options],
        stderr=subprocess.PIPE,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(address + "/api/queries", timeout=5)
                break
            except httpx.TransportError:
                if server.poll() is not None:
                    raise RuntimeError(
                        server.stderr.read().decode() if server.stderr else ""
                    ) from None
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not start in 30 s") from None
                time.sleep(0.2)
        yield address
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def chromium_page() -> Iterator[Page]:
    """A page of a fresh headless Chromium (Debian's), closed afterwards."""
    executable = chromium_path()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        # the pages' Content-Security-Policy forbids eval; Playwright's waits use it
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        try:
            yield context.new_page()
        finally:
            browser.close()
